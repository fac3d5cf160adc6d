"""Word lists of the region's languages: Kyrgyz (ky), Georgian (ka), Armenian (hy), and where they
were missing Kazakh (kk), Uzbek Latin (uz) and Russian (ru) phrases.

Each junk case is a block set between the English article paragraphs of test_boilerplate_kinds
and must be covered whole by spans of the expected contract kind, nothing outside it labelled.
Each KEEP case is an article sentence in the same language that uses the same word in prose:
no span may touch it.  Phrases are the general ones a news site in that language prints, in
two or more surface forms per family and language.
"""

from __future__ import annotations

import pytest

from newsmill.dates import parse_date_stamp
from test_boilerplate_kinds import assert_block_labelled_whole, assert_paragraph_kept

# (language, family, junk block, contract kind, reason)
CASES = [
    # photo caption credits
    ("ky", "credit", "Сүрөттүн автору: Бакыт Токтосунов", "photo_credit", "the photographer named after 'photo's author'"),
    ("ky", "credit", "Сүрөттөр: Kabar", "photo_credit", "plural 'photos:'"),
    ("ka", "credit", "ფოტოს ავტორი: გიორგი ბერიძე", "photo_credit", "'photo's author:'"),
    ("ka", "credit", "ფოტოები: Reuters", "photo_credit", "plural 'photos:'"),
    ("hy", "credit", "Լուսանկարները՝ Photolure", "photo_credit", "plural with the Armenian colon"),
    ("hy", "credit", "Մայրաքաղաքի կենտրոնում նոր զբոսայգի է բացվել / Լուսանկարը՝ Armenpress", "photo_credit",
     "a caption closed by its credit after a slash"),
    # author bios: a label, or a role and a beat
    ("ky", "bio", "Автор жөнүндө: Айгүл Асанова — Kabar агенттигинин экономика боюнча кабарчысы.", "author_bio",
     "labelled, the role 'кабарчысы'"),
    ("ky", "bio", "Айгүл Асанова — Kabar агенттигинин кабарчысы, экономика темасында жазат.", "author_bio",
     "unlabelled at the page's end: a name, a role and a beat"),
    ("ka", "bio", "ავტორის შესახებ: ნინო ბერიძე გამოცემის კორესპონდენტია და ეკონომიკის თემებზე წერს.", "author_bio",
     "labelled (ka)"),
    ("ka", "bio", "ავტორის შესახებ\nნინო ბერიძე ჟურნალისტია, რომელიც ენერგეტიკას აშუქებს.", "author_bio",
     "bare heading over the bio (ka)"),
    ("hy", "bio", "Հեղինակի մասին՝ Անի Հակոբյանը թերթի թղթակիցն է, լուսաբանում է տնտեսությունը։", "author_bio",
     "labelled (hy), the Armenian colon"),
    ("hy", "bio", "Հեղինակի մասին\nԱնի Հակոբյանը լրագրող է, լուսաբանում է էներգետիկայի թեմաները։", "author_bio",
     "bare heading over the bio (hy)"),
    ("kk", "bio", "Айгерім Сейтқали — агенттіктің тілшісі, экономика тақырыбында жазады.", "author_bio",
     "the role 'тілшісі' and a beat, unlabelled at the page's end (kk)"),
    ("kk", "bio", "Дәурен Омаров — Астанадағы меншікті тілшісі, саясат тақырыбында жазады.", "author_bio", "own correspondent (kk)"),
    # counters
    ("ky", "counter", "Окулду: 512", "counter", "'read:' and a number"),
    ("ky", "counter", "Каралды: 1 204 | Бөлүшүү 12", "counter", "views and shares on one line"),
    ("ka", "counter", "ნანახია: 1 204", "counter", "'has been viewed:'"),
    ("ka", "counter", "ნახვები 3 412 · გაზიარება 18", "counter", "views and shares (ka)"),
    ("hy", "counter", "Դիտումներ՝ 812 | Հավանումներ 40", "counter", "views and likes (hy)"),
    ("hy", "counter", "Ընթերցումներ: 2 104", "counter", "reads (hy)"),
    # comment counts and prompts
    ("ky", "comments", "Пикир 3", "comments", "singular noun and a count"),
    ("ky", "comments", "Пикир калтыруу", "comments", "'leave a comment'"),
    ("ka", "comments", "კომენტარის დაწერა", "comments", "'write a comment' (ka)"),
    ("ka", "comments", "დატოვე კომენტარი", "comments", "'leave a comment' (ka)"),
    ("hy", "comments", "Մեկնաբանություններ չկան", "comments", "'no comments' (hy)"),
    ("hy", "comments", "Թողնել մեկնաբանություն", "comments", "'leave a comment' (hy)"),
    ("uz", "comments", "Izoh qoldirish", "comments", "'leave a comment' (uz)"),
    ("uz", "comments", "Izohlar yo‘q", "comments", "'no comments' (uz)"),
    # read-also cues
    ("ky", "read_also", "Окуңуз дагы: Бишкекте жаңы мектеп ачылды", "related_headlines", "cue with its word order turned"),
    ("ky", "read_also", "Тема боюнча: Ош шаарында жаңы көпүрө курулат", "related_headlines", "'on the topic:'"),
    ("ka", "read_also", "ამავე თემაზე: თბილისში ახალი სკოლა გაიხსნა", "related_headlines", "'on the same topic:'"),
    ("ka", "read_also", "ასევე იხილეთ: ბათუმში ახალი ხიდი აშენდება", "related_headlines", "'see also:'"),
    ("hy", "read_also", "Նույն թեմայով՝ Գյումրիում նոր կամուրջ կկառուցվի", "related_headlines", "'on the same topic'"),
    ("hy", "read_also", "Դիտեք նաև՝ Երևանում նոր դպրոց է բացվել", "related_headlines", "'watch also'"),
    # most-read / latest / partner headings over a headline list
    ("ky", "heading", "Эң көп окулгандар\nБишкекте жаңы мектеп ачылды\nОшто жол оңдолот\nНарында кар жаады",
     "related_headlines", "most read (ky)"),
    ("ky", "heading", "Өнөктөштөрдүн жаңылыктары\nБишкекте жаңы мектеп ачылды\nОшто жол оңдолот\nНарында кар жаады",
     "related_headlines", "partners' news (ky)"),
    ("ka", "heading", "ბოლო სიახლეები\nთბილისში ახალი სკოლა გაიხსნა\nბათუმში ხიდი აშენდება\nქუთაისში თოვლი მოვიდა",
     "related_headlines", "latest news (ka)"),
    ("ka", "heading", "ყველაზე პოპულარული\nთბილისში ახალი სკოლა გაიხსნა\nბათუმში ხიდი აშენდება\nქუთაისში თოვლი მოვიდა",
     "related_headlines", "most popular (ka)"),
    ("hy", "heading", "Ամենաընթերցվածը\nԵրևանում նոր դպրոց է բացվել\nԳյումրիում կամուրջ կկառուցվի\nՎանաձորում ձյուն է տեղացել",
     "related_headlines", "most read (hy)"),
    ("hy", "heading", "Գործընկերների լուրեր\nԵրևանում նոր դպրոց է բացվել\nԳյումրիում կամուրջ կկառուցվի\nՎանաձորում ձյուն է տեղացել",
     "related_headlines", "partners' news (hy)"),
    ("uz", "heading", "Ko‘p o‘qilganlar\nToshkentda yangi maktab ochildi\nSamarqandda ko‘prik quriladi\nNamanganda qor yog‘di",
     "related_headlines", "most read, with the Uzbek apostrophe"),
    ("uz", "heading", "Soʻnggi yangiliklar\nToshkentda yangi maktab ochildi\nSamarqandda ko‘prik quriladi\nNamanganda qor yog‘di",
     "related_headlines", "latest news, with the turned comma"),
    ("ru", "heading", "Главное за сутки\nВ Бишкеке открыли школу\nВ Оше отремонтируют дорогу\nВ Нарыне выпал снег",
     "related_headlines", "the day's main news (ru)"),
    ("ru", "heading", "Новости партнёров\nВ Бишкеке открыли школу\nВ Оше отремонтируют дорогу\nВ Нарыне выпал снег",
     "related_headlines", "partners' news (ru)"),
    # share and follow prompts
    ("ky", "share", "Бөлүшүү", "share", "a bare share button"),
    ("ky", "share", "Басып чыгаруу", "share", "a print button (ky)"),
    ("ka", "share", "გაზიარება", "share", "a bare share button (ka)"),
    ("ka", "share", "გააზიარეთ Facebook-ზე", "share", "'share on Facebook' (ka)"),
    ("hy", "share", "Տպել", "share", "a print button (hy)"),
    ("hy", "share", "Հետևեք մեզ Telegram-ում", "share", "'follow us on Telegram' (hy)"),
    ("uz", "share", "Bizni kuzating", "share", "'follow us' alone (uz)"),
    ("uz", "share", "Ulashish:", "share", "a share label with its colon (uz)"),
    # back to top, all news, previous/next
    ("ky", "navigation", "Жогору ↑", "navigation", "back to top with its arrow"),
    ("ky", "navigation", "Мурунку жаңылык", "navigation", "previous story (ky)"),
    ("ka", "navigation", "ზემოთ", "navigation", "back to top (ka)"),
    ("ka", "navigation", "შემდეგი სტატია", "navigation", "next article (ka)"),
    ("hy", "navigation", "Վերև", "navigation", "back to top (hy)"),
    ("hy", "navigation", "Դեպի վեր ↑", "navigation", "'to the top' (hy)"),
    ("uz", "navigation", "Yuqoriga ↑", "navigation", "back to top (uz)"),
    ("uz", "navigation", "Ko‘proq yuklash", "navigation", "load more (uz)"),
    # 'you are reading' and other interface words
    ("hy", "interface", "Դուք կարդում եք", "footer", "'you are reading' (hy)"),
    ("hy", "interface", "Մուտք | Գրանցում", "footer", "log in | register (hy)"),
    ("ka", "interface", "თქვენ კითხულობთ", "footer", "'you are reading' (ka)"),
    ("ka", "interface", "შესვლა | რეგისტრაცია", "footer", "log in | register (ka)"),
    ("ky", "interface", "Сиз окуп жатасыз", "footer", "'you are reading' (ky)"),
    ("ky", "interface", "Кирүү | Катталуу", "footer", "log in | register (ky)"),
    # donation and newsletter prompts
    ("ky", "promo", "Бизди колдоңуз: ар бир салым көз карандысыз журналистикага жардам берет.", "promo", "a donation appeal (ky)"),
    ("ky", "promo", "Telegram каналыбызга жазылыңыз жана жаңылыктарды биринчи болуп окуңуз", "promo", "a channel prompt (ky)"),
    ("ka", "promo", "დაგვიჭირეთ მხარი — თქვენი შემოწირულობა დამოუკიდებელ ჟურნალისტიკას ეხმარება.", "promo", "a donation appeal (ka)"),
    ("ka", "promo", "გამოიწერეთ ჩვენი ყოველდღიური ბიულეტენი და მიიღეთ მთავარი ამბები ყოველ დილით", "promo", "a newsletter prompt (ka)"),
    ("hy", "promo", "Աջակցեք մեզ՝ անկախ լրագրությունը կախված է ձեզանից։", "promo", "a donation appeal (hy)"),
    ("hy", "promo", "Բաժանորդագրվեք մեր տեղեկագրին և ստացեք օրվա գլխավոր լուրերը ամեն առավոտ", "promo", "a newsletter prompt (hy)"),
    ("uz", "promo", "Bizni qo‘llab-quvvatlang: har bir xayriya mustaqil jurnalistikaga yordam beradi.", "promo", "a donation appeal (uz)"),
    ("uz", "promo", "Tahririyatni qo‘llab-quvvatlang — har bir xayriya biz uchun muhim.", "promo", "support the newsroom (uz)"),
    # advertising labels
    ("ka", "ad", "რეკლამა", "footer", "an ad slot (ka)"),
    ("ka", "ad", "— სარეკლამო —", "footer", "an ad slot between dashes (ka)"),
    ("hy", "ad", "Գովազդային նյութ", "footer", "'advertising material' (hy)"),
    ("hy", "ad", "ԳՈՎԱԶԴԱՅԻՆ ՆՅՈՒԹ", "footer", "'advertising material' in capitals (hy)"),
    ("ky", "ad", "Жарнама укугунда", "footer", "'as advertising' (ky)"),
    ("ky", "ad", "ЖАРНАМА УКУГУНДА", "footer", "'as advertising' in capitals (ky)"),
    # calendars: weekday rows and months
    ("uz", "calendar", "Mart 2025\nDu Se Ch Pa Ju Sh Ya\n1 2 3 4 5 6 7\n8 9 10 11 12 13 14", "calendar", "Uzbek weekdays"),
    ("uz", "calendar", "Du Se Ch Pa Ju Sh Ya\n1 2 3 4 5 6 7 8 9 10 11 12 13 14", "calendar", "Uzbek weekdays, days on one line"),
    ("ky", "calendar", "Март 2025\nДш Шш Шр Бш Жм Иш Жк\n1 2 3 4 5 6 7\n8 9 10 11 12 13 14", "calendar", "Kyrgyz weekdays"),
    ("ky", "calendar", "Дүй Шей Шар Бей Жум Ише Жек\n1 2 3 4 5 6 7 8 9 10 11 12 13 14", "calendar", "Kyrgyz three-letter weekdays"),
    ("ka", "calendar", "ორშ სამ ოთხ ხუთ პარ შაბ კვი\n1 2 3 4 5 6 7\n8 9 10 11 12 13 14", "calendar", "Georgian weekdays"),
    ("ka", "calendar", "არქივი\nორ სა ოთ ხუ პა შა კვ\n1 2 3 4 5 6 7 8 9 10 11 12 13 14", "calendar",
     "Georgian archive heading, two-letter weekdays"),
    # menus (section names, single-spaced or one per line) and footer link columns
    ("ky", "menu", "Башкы бет Саясат Экономика Коом Аймактар", "navigation", "a single-spaced menu (ky)"),
    ("ky", "menu", "Биз жөнүндө\nБайланыш\nКупуялык саясаты\nКолдонуу шарттары", "navigation", "footer links, one per line (ky)"),
    ("ka", "menu", "მთავარი პოლიტიკა ეკონომიკა რეგიონები ამინდი ინტერვიუ", "navigation", "a single-spaced menu (ka)"),
    ("ka", "menu", "ჩვენ შესახებ\nკონტაქტი\nკონფიდენციალურობა\nგამოყენების წესები", "navigation", "footer links, one per line (ka)"),
    ("hy", "menu", "Գլխավոր Մարզեր Միջազգային Եղանակ Հարցազրույց", "navigation", "a single-spaced menu (hy)"),
    ("hy", "menu", "Մեր մասին\nԿապ\nԳաղտնիության քաղաքականություն\nՕգտագործման պայմաններ", "navigation",
     "footer links, one per line (hy)"),
    ("uz", "menu", "Bosh sahifa\nSiyosat\nHududlar\nJahon\nOb-havo", "navigation", "a menu one item per line (uz)"),
    ("uz", "menu", "Biz haqimizda\nKontaktlar\nMaxfiylik siyosati\nFoydalanish shartlari", "navigation", "footer links, one per line (uz)"),
    # breadcrumbs opening with the home page's name and a slash
    ("ka", "breadcrumb", "მთავარი გვერდი / საზოგადოება", "navigation", "home page / section (ka)"),
    ("ka", "breadcrumb", "მთავარი გვერდი / პოლიტიკა", "navigation", "home page / politics (ka)"),
    ("hy", "breadcrumb", "Գլխավոր էջ / Հասարակություն", "navigation", "home page / section (hy)"),
    ("hy", "breadcrumb", "Գլխավոր / Քաղաքականություն", "navigation", "home / politics (hy)"),
    ("ky", "breadcrumb", "Башкы бет / Коом", "navigation", "home page / section (ky)"),
    ("ky", "breadcrumb", "Башкы барак / Саясат", "navigation", "home page / politics, the other word (ky)"),
]


@pytest.mark.parametrize("lang,family,block,kind,reason", CASES)
def test_region_junk_is_labelled(lang: str, family: str, block: str, kind: str, reason: str) -> None:
    assert_block_labelled_whole(block, kind, f"{lang} {family} ({reason})")


def test_every_family_has_two_forms_per_language() -> None:
    counts: dict[tuple[str, str], int] = {}
    for lang, family, *_ in CASES:
        counts[lang, family] = counts.get((lang, family), 0) + 1
    assert min(counts.values()) >= 2, {k: v for k, v in counts.items() if v < 2}


# Article sentences that use the same words in prose: never labelled.
KEEP = [
    ("ky", "Сүрөт көргөзмөсү Бишкекте ачылып, ага жүздөгөн адамдар келди, деп билдирди уюштуруучулар.", "'photo' opens a sentence"),
    ("ky", "Кабарчысы окуяны чагылдырган телеканалдын жетекчиси сотко чакырылды, деп билдирди прокуратура.",
     "a correspondent in the story"),
    ("ky", "Министрдин сөзү боюнча, маалымат 1 204 жолу каралды жана көпчүлүк пикир колдоо көрсөттү.", "a count and 'пикир' in prose"),
    ("ky", "Жогору жактагы айылдарда жолдор кардан тазаланып, катнаш калыбына келди, деп билдирди министрлик.", "'Жогору' opens a sentence"),
    ("ky", "Жарнама тууралуу мыйзамга өзгөртүүлөр киргизилип, Жогорку Кеңеш аны биринчи окууда кабыл алды.", "'Жарнама' opens a sentence"),
    ("ky", "Бизди колдоп келген инвесторлор быйыл да долбоорду каржылайт, деди компаниянын башчысы.", "a support verb in prose"),
    ("ka", "ფოტო გამოფენა თბილისში გაიხსნა და მას ასობით ადამიანი ესწრებოდა, განაცხადეს ორგანიზატორებმა.", "'ფოტო' opens a sentence"),
    ("ka", "ჟურნალისტი, რომელიც პარლამენტს აშუქებს, პოლიციამ დააკავა, წერს ადგილობრივი გამოცემა.", "a journalist in the story"),
    ("ka", "რეკლამა ტელევიზიით აიკრძალება, თუ პარლამენტი კანონპროექტს მესამე მოსმენით მიიღებს.", "'რეკლამა' opens a sentence"),
    ("ka", "ზემოთ აღნიშნული კანონპროექტი პარლამენტმა 12 მარტს მიიღო, მას 80 დეპუტატმა დაუჭირა მხარი.", "'ზემოთ' and a date in prose"),
    ("ka", "გაზიარება ფაილების შესახებ ახალი წესები მომავალი წლიდან ამოქმედდება, განაცხადა სამინისტრომ.", "'გაზიარება' in prose"),
    ("hy", "Լուսանկարը արվել է երեկ Երևանի կենտրոնում, երբ ցուցարարները հավաքվել էին հրապարակում։", "'photo' opens a sentence"),
    ("hy", "Լրագրողը, որը լուսաբանում էր ցույցը, ձերբակալվել է, հայտնում է ոստիկանությունը։", "a journalist in the story"),
    ("hy", "Գովազդ տեղադրելու նոր կանոնները կուժի մեջ մտնեն հունվարի 1-ից, հայտնել է նախարարությունը։", "'Գովազդ' opens a sentence"),
    ("hy", "Աջակցեք միմյանց, կոչ արեց վարչապետը՝ դիմելով երկրաշարժից տուժած համայնքների բնակիչներին։", "'Աջակցեք' in a quoted appeal"),
    ("hy", "Վերև բարձրանալով՝ փրկարարները հայտնաբերել են երեք զբոսաշրջիկների, հայտնում է ԱԻՆ-ը։", "'Վերև' opens a sentence"),
    ("uz", "Ulashish iqtisodiyoti bo‘yicha yangi qonun loyihasi parlamentda birinchi o‘qishda qabul qilindi.", "'Ulashish' opens a sentence"),
    ("uz", "Reklama to‘g‘risidagi qonunga o‘zgartirishlar kiritildi, deya xabar berdi vazirlik matbuot xizmati.", "'Reklama' opens a sentence"),
    ("ru", "Главное за сутки событие — подписание соглашения — обсуждали в правительстве до позднего вечера.", "a heading's words in prose"),
]


@pytest.mark.parametrize("lang,paragraph,reason", KEEP)
def test_region_article_sentence_is_kept(lang: str, paragraph: str, reason: str) -> None:
    assert_paragraph_kept(paragraph, f"{lang} ({reason})")


@pytest.mark.parametrize("stamp,day", [
    ("12 მარტს 2025", (2025, 3, 12)),   # Georgian dative
    ("5 ოქტომბერი, 2024", (2024, 10, 5)),
    ("12-январы 2025", (2025, 1, 12)),  # Kyrgyz possessive
    ("3-майы 2024", (2024, 5, 3)),
])
def test_region_month_names_parse(stamp: str, day: tuple[int, int, int]) -> None:
    parsed = parse_date_stamp(stamp)
    assert parsed is not None and (parsed.date.year, parsed.date.month, parsed.date.day) == day
