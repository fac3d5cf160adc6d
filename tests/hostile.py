"""A folder of hostile inputs, each with the reject check it must produce (None: it loads).

Built fresh per test from generated content, so no test depends on one seed's wording.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path

ARTICLE = (
    "Caspian ferry line adds a second vessel\n\n"
    "BAKU — The port authority said on Monday that a second ferry will serve the line from next month. "
    "Officials expect freight volumes to double by the end of the year.\n\n"
    "The new vessel was built at a shipyard on the Caspian coast and can carry fifty rail wagons.\n"
)
RUSSIAN = (
    "Паром на Каспии получит второе судно\n\n"
    "БАКУ — Портовое управление сообщило в понедельник, что второй паром начнёт работу в следующем месяце. "
    "Ожидается, что грузопоток удвоится к концу года.\n"
)
FRENCH = (
    "Un second ferry pour la ligne de la Caspienne\n\n"
    "BAKOU — L’autorité portuaire a déclaré lundi qu’un second navire desservira la ligne dès le mois prochain. "
    "Les responsables prévoient que le fret doublera d’ici à la fin de l’année.\n"
)
GERMAN = (
    "Zweite Fähre für die Kaspische Linie\n\n"
    "BAKU - Die Hafenbehörde äußerte sich am Montag: Eine zweite Fähre übernimmt im nächsten Monat den Betrieb. "
    "Die Größe der Flotte wächst damit um die Hälfte.\n"
)


def _gz_cut(data: bytes) -> bytes:
    packed = gzip.compress(data)
    return packed[: len(packed) // 2]


# name → (bytes, expected check or None when it loads). Names carry quotes,
# spaces, Unicode and a newline on purpose: they must survive end to end.
FILES: dict[str, tuple[bytes, str | None]] = {
    "plain article.txt": (ARTICLE.encode(), None),
    "it's \"quoted\".txt": (ARTICLE.replace("second", "third").encode(), None),
    "новости файл.txt": (RUSSIAN.encode("cp1251"), None),
    "new\nline.txt": (FRENCH.encode("cp1252"), None),
    "latin1.txt": (GERMAN.encode("latin-1"), None),
    "utf16.txt": (ARTICLE.replace("ferry", "ship").encode("utf-16"), None),
    "article.txt.gz": (gzip.compress(ARTICLE.replace("Monday", "Tuesday").encode()), None),
    "scripted.html": (("<html><head><style>.x{color:red}</style><script>steal('SCRIPT-MARKER')</script></head>"
                       "<body onload=\"alert('HANDLER-MARKER')\"><h1>Rail link opens to freight</h1>"
                       "<p onclick=\"evil('HANDLER-MARKER')\">The first freight train crossed the new bridge on "
                       "Friday, the railway said.</p><p>Passenger trains follow in spring, officials added.</p>"
                       "<script>document.write('SCRIPT-MARKER')</script></body></html>").encode(), None),
    "empty.txt": (b"", "empty_input"),
    "whitespace.txt": (b" \r\n\t\n   \n", "empty_input"),
    "controls only.txt": (b"\x01\x02\x03" * 2, "binary_input"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary_input"),
    "cut.txt.gz": (_gz_cut(ARTICLE.encode() * 20), "bad_gzip"),
    # varied lines, so the compressed stream is long and the lines before the cut can be read
    "cut.jsonl.gz": (_gz_cut("".join(json.dumps({"text": ARTICLE + hashlib.sha256(bytes([i])).hexdigest() * 4}) + "\n"
                                     for i in range(200)).encode()), "bad_gzip"),
    "not gzip.jsonl.gz": (b"this is not gzip at all\n", "bad_gzip"),
    # a menu is labelled as one (vertical_menu): nothing is left of the page
    "menu.txt": (b"Home\n\nNews\n\nSport\n\nWeather\n\nContact\n", "empty_body"),
    # short lines no rule names: left as text, but none reads as prose
    "labels.txt": (b"Tickets\n\nGate 4\n\nRow 12\n\nSeat 7\n\nValid today only\n", "not_article"),
    "error page.html": (b"<html><head><title>404 Not Found</title></head><body><h1>Page not found</h1>"
                        b"<p>Sorry, the page you requested does not exist.</p></body></html>", "not_article"),
    "listing.html": (("<html><body><h1>Latest</h1>" + "".join(
        f"<p><a href='/n/{i}'>Officials announce the results of review number {i} for the regional budget.</a></p>"
        for i in range(12)) + "</body></html>").encode(), "not_article"),
    "feed.jsonl": ("\n".join([
        json.dumps({"text": ARTICLE.replace("ferry", "barge"), "url": "https://example.org/a/1"}),
        "{not json",
        json.dumps({"title": "no body"}),
        "",
        json.dumps({"html": "<p>" + ARTICLE.replace("ferry", "tanker").replace("\n\n", "</p><p>") + "</p>"}),
        "[1, 2, 3]",
    ]).encode() + b"\n", None),  # 2 records load; lines 2, 3 and 6 are rejects
    "empty.jsonl": (b"\n\n", "empty_input"),
}
JSONL_LINE_CHECKS = {"feed.jsonl#L2": "bad_json", "feed.jsonl#L3": "missing_field", "feed.jsonl#L6": "bad_json"}
LINKS = {"broken.txt": ("does-not-exist.txt", "broken_symlink"), "loop-a.txt": ("loop-b.txt", "symlink_loop"),
         "loop-b.txt": ("loop-a.txt", "symlink_loop")}
BIG = ("big.txt", 4096, "too_large")  # written with BIG[1] + 1 bytes; run with max_file_bytes=BIG[1]


def make_tree(root: Path) -> dict[str, str | None]:
    """Write the hostile folder under `root`; returns expected check per location (relative name)."""
    root.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str | None] = {}
    for name, (data, check) in FILES.items():
        (root / name).write_bytes(data)
        if not name.endswith(".jsonl") or check:
            expected[name] = check
    expected.update(JSONL_LINE_CHECKS)
    for name, (target, check) in LINKS.items():
        os.symlink(target, root / name)
        expected[name] = check
    (root / "sub").mkdir()
    os.symlink("..", root / "sub" / "back-up")  # a folder link to its own ancestor
    expected["sub/back-up"] = "symlink_loop"
    os.mkfifo(root / "pipe.txt")
    expected["pipe.txt"] = "not_regular_file"
    (root / BIG[0]).write_bytes(b"x " * (BIG[1] // 2 + 1))
    expected[BIG[0]] = BIG[2]
    (root / ".hidden.txt").write_bytes(b"editor swap file, skipped")
    (root / "notes.docx").write_bytes(b"PK\x03\x04 skipped in folder walks")
    return expected
