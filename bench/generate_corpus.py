"""Deterministic synthetic corpus of scraped news pages for benchmarking newsmill.

    python bench/generate_corpus.py --docs 10000 --out /tmp/corpus --seed 7

Writes N *documents* (N inputs as newsmill counts them: one per plain/HTML file, one
per JSONL line) spread over outlet/date subfolders:

- plain-text pages (some `.txt.gz`, a few in cp1251 or with a UTF-8 BOM),
- HTML pages (~15 %) with head/meta, nav, breadcrumbs, figures, asides, scripts,
- JSONL batches (~10 % of documents; half gzipped) with `text` or `html`, `url`, `fetched_at`,
- exact byte duplicates (~3 %) of earlier pages under other names in `mirror/`,

plus `manifest.json` (newsmill skips `.json` files in folder walks) with the mix.

Pages are built from parts — breadcrumbs, date stamps in each outlet's format,
bylines, photo credits, body paragraphs from sentence templates, and boilerplate of
every kind newsmill labels (headline lists with stamps, run-on headline lines,
flattened calendars, view counters, comment counts, share prompts, separators,
repeated titles and ledes, read-also inserts, pagination, cookie banners, footers) —
in varied positions and lengths.  Body sizes follow a log-normal law (mostly
2–10 KB, a tail up to ~40 KB).  Every document has its own RNG seeded from
(seed, index), so the output is byte-identical for a seed whatever the job count.
No network, no copies of real pages: outlets, people and sentences are made up.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

GENERATOR_VERSION = 1

# Shares of documents (the rest are standalone plain-text pages).
SHARE_DUPLICATE = 0.03
SHARE_JSONL = 0.10
SHARE_HTML = 0.15  # of standalone pages and of JSONL records
SHARE_GZ_TXT = 0.04  # standalone plain pages written as .txt.gz
SHARE_CP1251 = 0.15  # of Russian-language standalone plain pages
SHARE_BOM = 0.02  # of English standalone plain pages

# --- vocabulary ---------------------------------------------------------------

FIRST = ("Amir Leyla Timur Dana Rustam Aigerim Farid Nazira Elnur Saule Kerim Madina Ozan Selin Arman "
         "Gulnara Ilyas Zarina Orhan Kamila Daniyar Aysel Bakhyt Sevda Murat Asel Emil Nigar Yerlan Lale "
         "Jonas Clara Peter Maria Tomas Helena Viktor Irina Pavel Olga").split()
LAST = ("Karimov Suleimenova Aliyeva Bekov Hasanli Nurlanova Demir Yilmaz Ospanov Mammadova Rahimov Zhakupova "
        "Guliyev Aydin Seitkali Huseynova Abenov Kaya Ismayilov Tulegenova Novak Berger Lindqvist Horvat "
        "Petrov Sokolova Marin Weiss").split()
ROLES = ("Minister of Foreign Affairs", "Minister of Energy", "Deputy Prime Minister", "head of the central bank",
         "chairman of the board", "spokesperson", "Mayor", "Ambassador", "President", "chief economist",
         "director general", "Minister of Transport", "head of the delegation", "regional governor")
ORGS = ("the Ministry of Economy", "the National Bank", "the State Statistics Committee", "the Chamber of Commerce",
        "the Caspian Shipping Company", "the Regional Development Fund", "the Energy Regulatory Agency",
        "the Union of Farmers", "the Customs Service", "the Investment Council", "the Railway Authority",
        "the Academy of Sciences", "the Water Resources Agency", "the Port Authority", "the Tourism Board")
PLACES = ("Baku Astana Almaty Tashkent Bishkek Tbilisi Ankara Istanbul Shymkent Ganja Aktau Samarkand "
          "Karaganda Sumgait Trabzon Batumi Vienna Brussels Geneva Riga Warsaw Budapest").split()
COUNTRIES = ("Azerbaijan Kazakhstan Uzbekistan Georgia Turkey Kyrgyzstan Hungary Austria Latvia Poland "
             "Romania Moldova Turkmenistan Tajikistan Mongolia").split()
NOUNS = ("agreement", "pipeline", "budget", "corridor", "railway", "harvest", "tariff", "reform", "summit",
         "investment", "memorandum", "project", "port", "bridge", "exhibition", "tender", "loan", "forecast",
         "programme", "survey", "strategy", "network", "festival", "delegation", "terminal", "plant")
ADJS = ("new", "regional", "joint", "annual", "strategic", "digital", "national", "bilateral", "green",
        "multimodal", "long-term", "cross-border", "municipal", "record", "revised", "ambitious")
VERBS = ("signed", "approved", "discussed", "launched", "reviewed", "announced", "welcomed", "postponed",
         "expanded", "presented", "endorsed", "criticised", "completed", "financed", "inspected")
SECTIONS = ("News Politics Economy World Business Society Sport Culture Region Analytics Tech Opinion "
            "Energy Interview").split()
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря")
MONTHS_RU_NOM = ("Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь",
                 "Октябрь", "Ноябрь", "Декабрь")

RU_NOUNS = ("соглашение", "проект", "бюджет", "коридор", "форум", "меморандум", "программа", "инвестиции",
            "реформа", "выставка", "тендер", "кредит", "прогноз", "стратегия", "терминал", "завод")
RU_PLACES = ("Баку", "Астана", "Алматы", "Ташкент", "Бишкек", "Тбилиси", "Анкара", "Москва", "Актау")
RU_PEOPLE = ("Тимур Беков", "Лейла Алиева", "Рустам Каримов", "Айгерим Нурланова", "Фарид Гасанли",
             "Мадина Оспанова", "Эльнур Рагимов", "Сауле Жакупова", "Павел Петров", "Ольга Соколова")
RU_VERBS = ("подписали", "обсудили", "одобрили", "представили", "запустили", "рассмотрели", "объявили")
RU_ADJS = ("новый", "региональный", "совместный", "ежегодный", "стратегический", "цифровой", "национальный")

EN_SENTENCES = (
    "{person}, the {role} of {country}, said on {weekday} that the {adj} {noun} would be {verb} before the end of {year}.",
    "According to {org}, the {noun} is expected to cost about {money} over the next {n} years.",
    "Officials in {place} {verb} the {adj} {noun} after several rounds of talks with partners from {country}.",
    "The {noun} has been under discussion since {month} {year}, when {org} first presented the idea.",
    "Analysts at {org} noted that trade between {country} and {country2} grew by {pct} percent in the first half of the year.",
    "{person} added that the {noun} would create roughly {n}00 jobs in {place} and the surrounding districts.",
    "The sides also {verb} a {adj} {noun} covering transport, energy and the digital economy.",
    "Construction of the {noun} near {place} is scheduled to begin in {month}, {person} told reporters.",
    "A {adj} {noun} worth {money} was {verb} by the board of {org} on {weekday}.",
    "Critics argue that the {noun} does little to address rising prices, while supporters point to its {adj} scope.",
    "In {year}, the {noun} handled {n},{n3} tonnes of cargo, a figure the operator hopes to double.",
    "Delegations from {country} and {country2} are expected to meet again in {place} in {month}.",
    "The meeting in {place} was attended by representatives of {org} and {org2}.",
    "{org} said the {adj} {noun} would be financed partly through a loan of {money}.",
    "Earlier this month, {person} visited {place} to inspect the {noun} and meet local entrepreneurs.",
    "The {role} described the talks as constructive and said both sides had agreed on a timetable.",
    "Under the plan, the {noun} will connect {place} with {place2} by {year2}.",
    "Figures published by {org} show that {pct} percent of households in {place} now use the service.",
    "The {noun}, first proposed in {year}, has been revised twice to reflect higher costs.",
    "Residents of {place} welcomed the decision, though some questioned whether the {noun} would be finished on time.",
)
EN_QUOTES = (
    "\"We are ready to continue this work together with our partners,\" {person} said.",
    "\"This {noun} is an important step for the whole region,\" the {role} told journalists.",
    "\"The figures speak for themselves: we have never seen such growth,\" said {person}.",
    "\"There is still a lot of work to do, but the direction is clear,\" {person} noted.",
    "“Our priority is to make the {noun} work for ordinary people,” {person} said in {place}.",
)
EN_HEADLINES = (
    "{country} and {country2} {verb} {adj} {noun}",
    "{person}: {country} will expand the {noun}",
    "{org_cap} {verb} {noun} for {place}",
    "{place} to host {adj} {noun} in {month}",
    "{adj_cap} {noun} {verb} after talks in {place}",
    "{role_cap} {person} visits {place}",
    "Trade between {country} and {country2} up {pct} percent",
    "{country} {verb} {noun} worth {money}",
    "Why the {noun} matters for {place}",
    "{person} meets delegation from {country}",
)
RU_SENTENCES = (
    "{person} заявил, что {adj} {noun} будет реализован до конца {year} года.",
    "По данным ведомства, {noun} обойдется примерно в {n} миллионов долларов.",
    "Стороны {verb} {adj} {noun} и договорились продолжить переговоры в городе {place}.",
    "В {place} прошла встреча, на которой {verb} вопросы транспорта и энергетики.",
    "Эксперты отмечают, что товарооборот вырос на {pct} процентов за первое полугодие.",
    "Жители города {place} положительно оценили {noun}, однако сроки вызывают вопросы.",
    "Ранее {person} посетил {place}, чтобы ознакомиться с ходом работ.",
    "«Мы готовы продолжать эту работу вместе с партнерами», — сказал {person}.",
)
RU_HEADLINES = (
    "{place}: стороны {verb} {adj} {noun}",
    "{person} рассказал о планах на {year} год",
    "В {place} {verb} {noun}",
    "{adj_cap} {noun} представлен в городе {place}",
)


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str
    language: str  # 'en' or 'ru'
    date_style: str
    crumb_sep: str
    credit: str  # '{name} reports' style wire credit in the lede, or ''
    traits: dict = field(default_factory=dict)  # probability of each boilerplate part


# Made-up outlets with layouts modelled on common scraped-page shapes.
OUTLETS = (
    Outlet("Caspian Ledger", "caspianledger.example", "en", "dmy_dash_time", " » ", "{name} reports",
           {"crumbs": .9, "stamp_section": .9, "runon": .6, "calendar": .5, "views": .8, "title_twice": .7}),
    Outlet("Steppe Wire", "steppewire.example", "en", "label_iso_long", " / ", "{name} reports",
           {"label_date": .9, "wire_credit": .8, "share": .4, "footer": .5, "separator": .2}),
    Outlet("SILKROAD-NEWS.KZ", "silkroad-news.example", "en", "dmy_dash_time", " » ", "",
           {"crumbs": .95, "stamp_section": .9, "runon": .7, "calendar": .7, "views": .9, "title_twice": .9}),
    Outlet("Kura Press Agency", "kurapress.example", "en", "hash_long_zone", " > ", "KPA reports",
           {"updated": .3, "photo": .8, "hash_date": .9, "wire_credit": .9, "lede_repeat": .6, "pagination": .6}),
    Outlet("The Altai Times", "altaitimes.example", "en", "mdy_ampm", " | ", "",
           {"byline": .8, "published": .9, "readalso": .6, "share": .7, "footer": .8, "cookie": .3}),
    Outlet("Bosphorus Post", "bosphoruspost.example", "en", "dotted_24h", " › ", "",
           {"crumbs": .6, "published": .7, "headlines_vertical": .6, "comments": .6, "nav": .5, "footer": .6}),
    Outlet("Danube Dispatch", "danubedispatch.example", "en", "iso_t", " / ", "",
           {"byline": .6, "photo": .5, "readalso": .4, "separator": .5, "footer": .5, "headlines_timed": .5}),
    Outlet("Volga Vestnik", "volgavestnik.example", "ru", "ru_text", " / ", "",
           {"crumbs": .8, "ru_date": .9, "views": .7, "readalso": .5, "footer": .6, "calendar": .3}),
    Outlet("Pamir Observer", "pamirobserver.example", "en", "mdy_ampm", " » ", "",
           {"title_twice": .5, "comments": .7, "nav": .7, "headlines_vertical": .4, "share": .3}),
    Outlet("Tigris Monitor", "tigrismonitor.example", "en", "dmy_slash", " | ", "{name} reports",
           {"crumbs": .5, "stamp_section": .5, "wire_credit": .5, "runon": .3, "footer": .7}),
    Outlet("Baltic Courier", "balticcourier.example", "en", "long_weekday", " › ", "",
           {"byline": .9, "published": .8, "photo": .4, "share": .8, "cookie": .5, "footer": .9}),
    Outlet("Nomad Business Review", "nomadbiz.example", "en", "iso_t", " / ", "",
           {}),  # a clean page: title and body only
)
OUTLET_WEIGHTS = (12, 10, 8, 10, 9, 8, 7, 8, 7, 6, 8, 4)


# --- random helpers -------------------------------------------------------------

class Fab:
    """Per-document fabric: random words, names, dates and sentences from one RNG."""

    def __init__(self, rng: random.Random, outlet: Outlet):
        self.r = rng
        self.o = outlet

    def person(self) -> str:
        return f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"

    def money(self) -> str:
        return self.r.choice((f"${self.r.randint(2, 950)} million", f"{self.r.randint(1, 40)}.{self.r.randint(0, 9)} billion manats",
                              f"€{self.r.randint(5, 600)} million", f"{self.r.randint(10, 900)} million tenge"))

    def slots(self) -> dict[str, str]:
        r = self.r
        year = r.randint(2012, 2026)
        if self.o.language == "ru":
            adj = r.choice(RU_ADJS)
            return {"person": r.choice(RU_PEOPLE), "noun": r.choice(RU_NOUNS), "adj": adj,
                    "adj_cap": adj.capitalize(), "verb": r.choice(RU_VERBS), "place": r.choice(RU_PLACES),
                    "year": str(year), "n": str(r.randint(2, 90)), "pct": str(r.randint(2, 40))}
        adj = r.choice(ADJS)
        role = r.choice(ROLES)
        org = r.choice(ORGS)
        return {
            "person": self.person(), "role": role, "role_cap": role[0].upper() + role[1:], "org": org,
            "org2": r.choice(ORGS), "org_cap": org[0].upper() + org[1:], "country": r.choice(COUNTRIES),
            "country2": r.choice(COUNTRIES), "place": r.choice(PLACES), "place2": r.choice(PLACES),
            "noun": r.choice(NOUNS), "adj": adj, "adj_cap": adj.capitalize(), "verb": r.choice(VERBS),
            "weekday": r.choice(WEEKDAYS), "month": r.choice(MONTHS), "year": str(year),
            "year2": str(year + r.randint(1, 6)), "n": str(r.randint(2, 40)), "n3": f"{r.randint(0, 999):03d}",
            "pct": str(r.randint(2, 60)), "money": self.money(),
        }

    def sentence(self) -> str:
        pool = RU_SENTENCES if self.o.language == "ru" else (
            EN_QUOTES if self.r.random() < 0.12 else EN_SENTENCES)
        return self.r.choice(pool).format(**self.slots())

    def headline(self) -> str:
        pool = RU_HEADLINES if self.o.language == "ru" else EN_HEADLINES
        return self.r.choice(pool).format(**self.slots())

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.r.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6))))

    def moment(self, base: datetime | None = None) -> datetime:
        if base is not None:  # an earlier story, for headline lists
            return base - timedelta(minutes=self.r.randint(20, 60 * 24 * 6))
        return datetime(2015, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=self.r.randint(0, 11 * 365 * 24 * 60))

    def stamp(self, when: datetime, style: str | None = None) -> str:
        """A date stamp in one of the formats real sites print."""
        s = style or self.o.date_style
        d, m, y, hh, mm = when.day, when.month, when.year, when.hour, when.minute
        if s == "dmy_dash_time":
            return f"{d}-{m:02d}-{y}, {hh:02d}:{mm:02d}"
        if s == "label_iso_long":
            return f"{y}-{m:02d}-{d:02d} {d} {MONTHS[m - 1]} {y} {hh:02d}:{mm:02d} (UTC+04:00)"
        if s == "hash_long_zone":
            return f"{d} {MONTHS[m - 1]} {y} {hh:02d}:{mm:02d} (UTC +04:00)"
        if s == "mdy_ampm":
            h12 = hh % 12 or 12
            return f"{MONTHS[m - 1][:3]}. {d}, {y} {h12}:{mm:02d} {'PM' if hh >= 12 else 'AM'}"
        if s == "dotted_24h":
            return f"{d:02d}.{m:02d}.{y} {hh:02d}:{mm:02d}"
        if s == "iso_t":
            return f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:00+0{self.r.randint(0, 5)}:00"
        if s == "ru_text":
            return f"{d} {MONTHS_RU[m - 1]} {y}, {hh:02d}:{mm:02d}"
        if s == "dmy_slash":
            return f"{d:02d}/{m:02d}/{y} {hh:02d}:{mm:02d} GMT+4"
        if s == "long_weekday":
            return f"{WEEKDAYS[when.weekday()]}, {d} {MONTHS[m - 1]} {y}, {hh:02d}:{mm:02d}"
        return f"{hh:02d}:{mm:02d}"


# --- a page as parts ----------------------------------------------------------

@dataclass
class Page:
    outlet: Outlet
    title: str
    published: datetime
    section: str
    header: list[tuple[str, object]]
    body: list[tuple[str, object]]  # ('para', text) or inline boilerplate parts
    footer: list[tuple[str, object]]
    url: str


def body_target(rng: random.Random) -> int:
    """Characters of article body: log-normal, median ~4 KB, clipped to 0.6–38 KB."""
    return int(min(38_000, max(600, math.exp(rng.gauss(math.log(4000), 0.6)))))


def build_page(rng: random.Random, index: int) -> Page:
    outlet = rng.choices(OUTLETS, OUTLET_WEIGHTS)[0]
    f = Fab(rng, outlet)
    t = outlet.traits

    def has(trait: str) -> bool:
        return rng.random() < t.get(trait, 0.0)

    title = f.headline()
    when = f.moment()
    section = rng.choice(SECTIONS)
    header: list[tuple[str, object]] = []
    if has("cookie"):
        header.append(("cookie", None))
    if has("crumbs"):
        crumbs = [outlet.name] + ([rng.choice(SECTIONS)] if rng.random() < 0.3 else []) + [section, title]
        header.append(("crumbs", crumbs))
    if has("stamp_section"):
        header.append(("line", f"{f.stamp(when)} | {section}"))
    if has("label_date"):
        header.append(("line", f" date {f.stamp(when)}"))
    title_line = title + (rng.choice((" -UPDATED", " - PHOTO", " (VIDEO)")) if has("updated") else "")
    header.append(("title", title_line))
    if has("title_twice"):
        header.append(("title", title))
    if has("photo"):
        caption = f"{f.person()}, {rng.choice(ROLES)}, and {f.person()} in {rng.choice(PLACES)}"
        header.append(("photo", (caption, rng.choice((f"© {outlet.name.split()[0].upper()}", "Photo: Reuters",
                                                       f"Photo credit: {f.person()}", "© AFP")))))
    if has("hash_date"):
        header.append(("line", f"# {f.stamp(when)}"))
    if has("byline"):
        header.append(("line", rng.choice(("By {}", "By {} and {}", "{} | Staff writer")).format(f.person(), f.person())))
    if has("published") or has("ru_date"):
        label = "Опубликовано:" if outlet.language == "ru" else rng.choice(("Published:", "Updated:", "Posted on"))
        header.append(("line", f"{label} {f.stamp(when)}"))

    body: list[tuple[str, object]] = []
    target = body_target(rng)
    lede = f.paragraph()
    if rng.random() < 0.35:
        place = rng.choice(RU_PLACES if outlet.language == "ru" else PLACES).upper()
        lede = f"{place} — {lede}"
    if outlet.credit and has("wire_credit"):
        lede = lede.rstrip(".") + ", " + outlet.credit.format(name=outlet.name) + "."
    body.append(("para", lede))
    size = len(lede)
    while size < target:
        para = f.paragraph()
        body.append(("para", para))
        size += len(para) + 2
        roll = rng.random()
        if roll < 0.04 and has("readalso"):
            body.append(("readalso", f.headline()))
        elif roll < 0.06 and has("photo"):
            body.append(("photo", (f"{f.person()} at the {rng.choice(NOUNS)} in {rng.choice(PLACES)}", "Photo: press service")))
        elif roll < 0.08 and has("separator"):
            body.append(("separator", rng.choice(("***", "* * *", "———", "x x x", "___"))))

    footer: list[tuple[str, object]] = []
    if has("lede_repeat"):
        footer.append(("para", lede))
    if has("views"):
        footer.append(("line", rng.choice(("Views: {}", "{} views", "Просмотров: {}" if outlet.language == "ru" else "Reads: {}"))
                       .format(rng.randint(3, 48_000))))
    if has("share"):
        footer.append(("share", None))
    if has("separator") and rng.random() < 0.5:
        footer.append(("separator", rng.choice(("***", "———", "* * *"))))
    if has("readalso") and rng.random() < 0.5:
        footer.append(("readalso", f.headline()))
    if has("comments"):
        footer.append(("line", rng.choice(("{} Comments", "Comments ({})", "{} comments", "Leave a comment"))
                       .format(rng.randint(0, 250))))
    if has("nav"):
        footer.append(("line", rng.choice(("Previous Post Next Post", "Previous article", "Next story"))))
    if has("runon"):
        footer.append(("runon", [(f.headline(), f.stamp(f.moment(when))) for _ in range(rng.randint(4, 40))]))
    if has("headlines_vertical"):
        footer.append(("vertical", [(f.headline(), f.stamp(f.moment(when))) for _ in range(rng.randint(3, 14))]))
    if has("headlines_timed"):
        footer.append(("timed", [(f.headline(), f.moment(when)) for _ in range(rng.randint(3, 12))]))
    if has("calendar"):
        footer.append(("calendar", when))
    if has("pagination"):
        footer.append(("line", " ".join(str(i) for i in range(1, rng.randint(4, 9)))
                       + " " + " ".join(rng.sample(("NEWS", "SPORT", "WORLD", "VIDEO", "ECONOMY"), 2))))
    if has("footer"):
        year = when.year + rng.randint(0, 2)
        footer.append(("line", rng.choice((f"© {year} {outlet.name}. All rights reserved.",
                                           f"Copyright © 2010–{year} {outlet.name}",
                                           f"© {outlet.name}, {year}. Reproduction only with a link to the source."))))
    # a few outlets put some trailer parts above the article: vary positions
    if footer and rng.random() < 0.08:
        header.insert(0, footer.pop(rng.randrange(len(footer))))
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "story"
    url = f"https://{outlet.domain}/{section.lower()}/{when:%Y/%m/%d}/{slug}-{index}"
    return Page(outlet, title, when, section, header, body, footer, url)


# --- rendering ------------------------------------------------------------------

SHARE_LINES = ("Share on Facebook", "Share on X", "Share this article", "Share", "Tweet", "WhatsApp", "Telegram")
COOKIE = ("We use cookies to improve your experience on our site. By continuing to browse, you agree to our use "
          "of cookies.")


def _calendar_lines(when: datetime, ru: bool) -> list[str]:
    month = MONTHS_RU_NOM[when.month - 1] if ru else MONTHS[when.month - 1]
    first = when.replace(day=1)
    days = ((first.replace(month=first.month % 12 + 1, year=first.year + first.month // 12)) - first).days
    lead = first.weekday()
    cells = [""] * lead + [str(d) for d in range(1, days + 1)]
    weeks = ["".join(cells[i:i + 7]) for i in range(0, len(cells), 7)]
    weeks[0] = " " + weeks[0] if lead else weeks[0]
    head = "ПнВтСрЧтПтСбВс" if ru else "MonTueWedThuFriSatSun"
    return ["Календарь" if ru else "Calendar", f"«    {month} {when.year}    »", head, *weeks]


def render_text(page: Page, rng: random.Random) -> str:
    """The page as a scraper's plain-text dump: blocks separated by blank lines (mostly)."""
    ru = page.outlet.language == "ru"
    blocks: list[str] = []
    for kind, value in [*page.header, *page.body, *page.footer]:
        if kind in ("para", "title", "line", "separator"):
            blocks.append(str(value))
        elif kind == "crumbs":
            blocks.append(page.outlet.crumb_sep.join(value))
        elif kind == "photo":
            caption, credit = value
            blocks.append(caption if rng.random() < 0.5 else f"{caption}\n\n{credit} | {caption}")
        elif kind == "readalso":
            blocks.append(f"{'Читайте также' if ru else rng.choice(('Read also', 'Related', 'See also'))}: {value}")
        elif kind == "share":
            blocks.append("\n".join(rng.sample(SHARE_LINES, rng.randint(1, 4))))
        elif kind == "cookie":
            blocks.append(f"{COOKIE}\nAccept\nSettings")
        elif kind == "runon":
            blocks.append(" ".join(f"{h} {s}" for h, s in value))
        elif kind == "vertical":
            blocks.append(("Последние новости" if ru else "Latest news") + "\n"
                          + "\n".join(f"{h}\n{s}" for h, s in value))
        elif kind == "timed":
            blocks.append("\n".join(f"{w:%H:%M} {h}" for h, w in value))
        elif kind == "calendar":
            blocks.append("\n".join(_calendar_lines(value, ru)))
    sep = "\n\n" if rng.random() < 0.85 else "\n"
    text = sep.join(blocks)
    if rng.random() < 0.1:
        text = text.replace("\n", "\r\n")
    return text + ("\n" if rng.random() < 0.7 else "")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_html(page: Page, rng: random.Random) -> str:
    """The page as HTML, with the head, navigation and scripts a real page carries."""
    o = page.outlet
    out = [f'<!DOCTYPE html>\n<html lang="{o.language}"><head><meta charset="utf-8">',
           f"<title>{_esc(page.title)} | {_esc(o.name)}</title>"]
    if rng.random() < 0.8:
        out.append(f'<meta property="og:site_name" content="{_esc(o.name)}">')
    if rng.random() < 0.7:
        out.append(f'<meta property="og:title" content="{_esc(page.title)}">')
    if rng.random() < 0.6:
        out.append(f'<meta property="article:published_time" content="{page.published.isoformat()}">')
    out.append(f'<meta property="og:url" content="{page.url}">')
    out.append("<style>body{font-family:sans-serif}.nav li{display:inline}</style>")
    out.append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
               + "var cfg={" + ",".join(f'"k{i}":{rng.randint(0, 9999)}' for i in range(rng.randint(20, 300)))
               + "};</script></head><body>")
    out.append('<header><nav class="nav"><ul>' + "".join(f'<li><a href="/{s.lower()}">{s}</a></li>'
                                                          for s in rng.sample(SECTIONS, 7)) + "</ul></nav></header>")
    out.append("<main><article>")
    ru = o.language == "ru"

    def part(kind: str, value: object) -> None:
        if kind == "title":
            out.append(f"<h1>{_esc(str(value))}</h1>")
        elif kind == "para":
            words = str(value).split(" ")
            if len(words) > 8 and rng.random() < 0.3:  # inline links stay inside the sentence
                i = rng.randrange(len(words) - 3)
                words[i] = f'<a href="/tag/{i}">{_esc(words[i])}</a>'
                value = " ".join(w if w.startswith("<a ") else _esc(w) for w in words)
                out.append(f"<p>{value}</p>")
            else:
                out.append(f"<p>{_esc(str(value))}</p>")
        elif kind == "line":
            text = str(value)
            if any(ch.isdigit() for ch in text) and rng.random() < 0.5:
                out.append(f'<time datetime="{page.published.isoformat()}">{_esc(text)}</time>')
            else:
                out.append(f"<div class=\"meta\">{_esc(text)}</div>")
        elif kind == "crumbs":
            out.append('<div class="breadcrumbs">' + f" {_esc(o.crumb_sep.strip())} ".join(
                f'<a href="/">{_esc(c)}</a>' for c in value) + "</div>")
        elif kind == "photo":
            caption, credit = value
            out.append(f'<figure><img src="/img/{rng.randint(1, 10**6)}.jpg" alt="">'
                       f"<figcaption>{_esc(caption)} <span>{_esc(credit)}</span></figcaption></figure>")
        elif kind == "separator":
            out.append(f"<p>{_esc(str(value))}</p>")
        elif kind == "readalso":
            out.append(f'<p class="related"><strong>{"Читайте также" if ru else "Read also"}:</strong> '
                       f'<a href="/x">{_esc(str(value))}</a></p>')
        elif kind == "share":
            out.append('<div class="share">' + "".join(f"<a>{s}</a> " for s in rng.sample(SHARE_LINES, 3)) + "</div>")
        elif kind == "cookie":
            out.append(f'<div id="cookie"><p>{COOKIE}</p><a>Accept</a></div>')
        elif kind in ("runon", "vertical"):
            out.append("<aside><h3>" + ("Последние новости" if ru else "Latest news") + "</h3><ul>"
                       + "".join(f'<li><a href="/n">{_esc(h)}</a> <span>{_esc(s)}</span></li>' for h, s in value)
                       + "</ul></aside>")
        elif kind == "timed":
            out.append("<ul>" + "".join(f"<li><span>{w:%H:%M}</span> <a>{_esc(h)}</a></li>" for h, w in value) + "</ul>")
        elif kind == "calendar":
            lines = _calendar_lines(value, ru)
            out.append(f"<table><caption>{lines[1]}</caption><tr><th>{lines[2]}</th></tr>"
                       + "".join(f"<tr><td>{w}</td></tr>" for w in lines[3:]) + "</table>")

    for kind, value in page.header + page.body:
        part(kind, value)
    out.append("</article>")
    for kind, value in page.footer:
        part(kind, value)
    out.append(f"</main><footer><p>© {page.published.year} {_esc(o.name)}</p></footer>"
               "<script>(function(){var s=document.createElement('script');s.async=true;})();</script></body></html>")
    return "\n".join(out)


# --- the corpus -----------------------------------------------------------------

@dataclass
class Plan:
    role: str  # 'file' | 'jsonl' | 'duplicate'
    html: bool = False
    of: int = -1  # for duplicates: index of the document copied


def doc_rng(seed: int, index: int) -> random.Random:
    return random.Random(f"newsmill-bench/{GENERATOR_VERSION}/{seed}/{index}")


def plan_corpus(docs: int, seed: int) -> list[Plan]:
    """Decide each document's container (file, JSONL line, duplicate copy) up front."""
    rng = random.Random(f"newsmill-bench-plan/{GENERATOR_VERSION}/{seed}")
    plans: list[Plan] = []
    files: list[int] = []
    for i in range(docs):
        roll = rng.random()
        if roll < SHARE_DUPLICATE and files:
            plans.append(Plan("duplicate", of=rng.choice(files)))
            continue
        plan = Plan("jsonl" if roll < SHARE_DUPLICATE + SHARE_JSONL else "file", html=rng.random() < SHARE_HTML)
        if plan.role == "file":
            files.append(i)
        plans.append(plan)
    return plans


def render_doc(seed: int, index: int, plan: Plan) -> tuple[Page, str, bytes, str]:
    """(page, relative path, bytes, encoding note) of one standalone file, or the JSONL line."""
    rng = doc_rng(seed, index)
    page = build_page(rng, index)
    slug = re.sub(r"[^a-z0-9]+", "-", page.outlet.name.lower()).strip("-")
    base = f"{page.outlet.language}/{slug}/{page.published:%Y-%m}" if rng.random() < 0.5 else f"{slug}/{page.published:%Y/%m}"
    stem = f"{base}/{page.published:%d}-{index:07d}"
    if plan.html:
        text = render_html(page, rng)
    else:
        text = render_text(page, rng)
    if plan.role == "jsonl":
        fetched = (page.published + timedelta(hours=rng.randint(1, 72))).strftime("%Y-%m-%dT%H:%M:%SZ")
        record = {"url": page.url, "fetched_at": fetched, ("html" if plan.html else "text"): text}
        if rng.random() < 0.3:
            record["source"] = page.outlet.domain
        return page, "", json.dumps(record, ensure_ascii=rng.random() < 0.3).encode("utf-8"), "utf-8"
    if plan.html:
        return page, stem + rng.choice((".html", ".html", ".htm")), text.encode("utf-8"), "utf-8"
    encoding = "utf-8"
    if page.outlet.language == "ru" and rng.random() < SHARE_CP1251:
        data, encoding = text.encode("cp1251", "replace"), "cp1251"
    elif page.outlet.language == "en" and rng.random() < SHARE_BOM:
        data, encoding = b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"
    else:
        data = text.encode("utf-8")
    if rng.random() < SHARE_GZ_TXT:
        return page, stem + ".txt.gz", gzip.compress(data, mtime=0), encoding
    return page, stem + ".txt", data, encoding


def _render_chunk(args: tuple[int, list[tuple[int, Plan]]]) -> list[tuple[int, str, bytes, dict]]:
    seed, chunk = args
    out = []
    for index, plan in chunk:
        page, rel, data, encoding = render_doc(seed, index, plan)
        out.append((index, rel, data, {"language": page.outlet.language, "encoding": encoding,
                                        "outlet": page.outlet.name}))
    return out


def generate(docs: int, out: str | os.PathLike, seed: int = 0, jobs: int = 1) -> dict:
    """Write the corpus under `out` (emptied first) and return its manifest."""
    root = Path(out)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    plans = plan_corpus(docs, seed)
    todo = [(i, p) for i, p in enumerate(plans) if p.role != "duplicate"]
    chunks = [(seed, todo[i:i + 500]) for i in range(0, len(todo), 500)]
    counts = {"documents": docs, "plain_files": 0, "html_files": 0, "gz_text_files": 0, "jsonl_records": 0,
              "jsonl_html_records": 0, "jsonl_files": 0, "jsonl_gz_files": 0, "duplicates": 0,
              "cp1251_files": 0, "bom_files": 0}
    languages: dict[str, int] = {}
    paths: dict[int, Path] = {}
    total_bytes = 0
    batch_rng = random.Random(f"newsmill-bench-batches/{GENERATOR_VERSION}/{seed}")
    batch: list[bytes] = []
    batch_limit = batch_rng.randint(25, 150)

    def flush() -> None:
        nonlocal total_bytes, batch, batch_limit
        if not batch:
            return
        number = counts["jsonl_files"]
        folder = root / "feeds" / f"part-{number // 50:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = b"\n".join(batch) + b"\n"
        if batch_rng.random() < 0.5:
            path, data = folder / f"batch-{number:05d}.jsonl.gz", gzip.compress(data, mtime=0)
            counts["jsonl_gz_files"] += 1
        else:
            path = folder / f"batch-{number:05d}.jsonl"
        path.write_bytes(data)
        total_bytes += len(data)
        counts["jsonl_files"] += 1
        batch, batch_limit = [], batch_rng.randint(25, 150)

    def results():
        if jobs > 1 and len(chunks) > 1:
            import multiprocessing

            with multiprocessing.get_context("spawn").Pool(jobs) as pool:
                yield from pool.imap(_render_chunk, chunks)  # ordered: output does not depend on jobs
        else:
            yield from map(_render_chunk, chunks)

    for chunk in results():
        for index, rel, data, info in chunk:
            languages[info["language"]] = languages.get(info["language"], 0) + 1
            counts["cp1251_files"] += info["encoding"] == "cp1251"
            counts["bom_files"] += info["encoding"] == "utf-8-sig"
            if not rel:
                batch.append(data)
                counts["jsonl_records"] += 1
                counts["jsonl_html_records"] += plans[index].html
                if len(batch) >= batch_limit:
                    flush()
                continue
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            paths[index] = path
            total_bytes += len(data)
            kind = "html_files" if plans[index].html else "gz_text_files" if rel.endswith(".gz") else "plain_files"
            counts[kind] += 1
    flush()
    for index, plan in enumerate(plans):
        if plan.role != "duplicate":
            continue
        source = paths[plan.of]
        suffix = "".join(source.suffixes[-2:]) if source.name.endswith(".gz") else source.suffix
        target = root / "mirror" / source.parent.relative_to(root) / f"copy-{index:07d}{suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        total_bytes += target.stat().st_size
        counts["duplicates"] += 1
    manifest = {"generator_version": GENERATOR_VERSION, "seed": seed, "bytes": total_bytes,
                "files": sum(counts[k] for k in ("plain_files", "html_files", "gz_text_files", "jsonl_files",
                                                   "duplicates")),
                "counts": counts, "languages": dict(sorted(languages.items()))}
    (root / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a deterministic synthetic news corpus.")
    parser.add_argument("--docs", type=int, required=True, help="number of documents (files + JSONL lines)")
    parser.add_argument("--out", required=True, help="output folder (emptied first)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (output is the same)")
    args = parser.parse_args(argv)
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    manifest = generate(args.docs, args.out, args.seed, args.jobs)
    print(json.dumps(manifest), file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
