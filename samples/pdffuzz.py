"""Seeded PDF mutation for the fuzz test (tests/app/test_fuzz.py) and bench/fuzz.py (#21).

`seed_pdfs` writes a few valid PDFs (compressed and plain streams, several pages, a header
and page numbers, two columns, the sample PDFs); `mutate` damages one the way real files
break: flipped bytes, truncation, cut or doubled chunks, numbers made extreme (lengths,
counts, offsets), names swapped (/Page, /FlateDecode…), a broken xref, deep nesting, two
files spliced. `try_file` reads a file as `synopsis extract --json` does and names the
outcome: "ok", a PdfError kind, or "unhandled: TypeName" (the goal is none of those).
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from pdfmaker import text_pdf, write_pdf

_NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
_NAME = re.compile(rb"/[A-Za-z][A-Za-z0-9]*")
NAMES = [
    b"/Page",
    b"/Pages",
    b"/Kids",
    b"/Count",
    b"/Length",
    b"/Filter",
    b"/FlateDecode",
    b"/ASCIIHexDecode",
    b"/LZWDecode",
    b"/DCTDecode",
    b"/Font",
    b"/Contents",
    b"/Resources",
    b"/Parent",
    b"/Root",
    b"/Outlines",
    b"/Encrypt",
    b"/ObjStm",
    b"/XRef",
    b"/MediaBox",
    b"/ToUnicode",
]
EXTREMES = [b"0", b"-1", b"1", b"2147483648", b"99999999999999999999", b"-0.0", b"1e308", b"65535"]

PARAGRAPHS = [
    "The harbour board met on Tuesday to review the repairs of the north pier.",
    "Costs rose by 12 % because the contractor replaced the rotten piles.",
    "The committee asked for a second survey before the winter storms arrive.",
    "Résumé: naïve café owners — “quotes” and ligatures ﬁ ﬂ stay readable.",
]


def seed_pdfs(folder: Path, samples: Path | None = None) -> list[bytes]:
    """Valid PDFs to mutate, as bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    made = [
        text_pdf(folder / "plain.pdf", PARAGRAPHS * 3, compress=False, title="Harbour"),
        text_pdf(folder / "packed.pdf", PARAGRAPHS * 12, header="Harbour Board", per_page=20),
        text_pdf(folder / "numbers.pdf", PARAGRAPHS * 8, footer_numbers=True, per_page=15),
        write_pdf(
            folder / "columns.pdf",
            [[p for p in PARAGRAPHS * 6]],
            columns=2,
            heading=["1 Introduction"],
            compress=False,
        ),
    ]
    if samples is not None:
        made += sorted(samples.glob("*.pdf"))
    return [Path(p).read_bytes() for p in made]


def _flip(data: bytearray, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 20)):
        data[rng.randrange(len(data))] = rng.randrange(256)


def _truncate(data: bytearray, rng: random.Random) -> None:
    del data[rng.randrange(1, len(data)) :]


def _cut(data: bytearray, rng: random.Random) -> None:
    start = rng.randrange(len(data))
    del data[start : start + rng.randint(1, 2048)]


def _double(data: bytearray, rng: random.Random) -> None:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 4096)]
    at = rng.randrange(len(data))
    data[at:at] = chunk * rng.randint(1, 3)


def _junk(data: bytearray, rng: random.Random) -> None:
    at = rng.randrange(len(data))
    data[at:at] = rng.randbytes(rng.randint(1, 512))


def _number(data: bytearray, rng: random.Random) -> None:
    found = list(_NUMBER.finditer(data))
    for m in rng.sample(found, min(len(found), rng.randint(1, 4))):
        data[m.start() : m.end()] = rng.choice(EXTREMES).ljust(m.end() - m.start())[
            : max(m.end() - m.start(), 1)
        ]


def _name(data: bytearray, rng: random.Random) -> None:
    found = list(_NAME.finditer(data))
    if found:
        m = rng.choice(found)
        data[m.start() : m.end()] = rng.choice(NAMES)


def _xref(data: bytearray, rng: random.Random) -> None:
    at = data.rfind(b"startxref")
    if at >= 0:
        end = data.find(b"%%EOF", at)
        data[at + 9 : end if end > 0 else len(data)] = b"\n" + rng.choice(EXTREMES) + b"\n"


def _nest(data: bytearray, rng: random.Random) -> None:
    at = rng.randrange(len(data))
    opener = rng.choice([b"[", b"<<", b"("])
    data[at:at] = opener * rng.choice([100, 5000, 50000])


MUTATIONS: list[Callable[[bytearray, random.Random], None]] = [
    _flip,
    _truncate,
    _cut,
    _double,
    _junk,
    _number,
    _number,
    _name,
    _name,
    _xref,
    _nest,
]


def mutate(seeds: list[bytes], rng: random.Random) -> bytes:
    """One damaged PDF: 1–3 mutations of a seed, or two seeds spliced."""
    data = bytearray(rng.choice(seeds))
    if rng.random() < 0.08:
        other = rng.choice(seeds)
        data = data[: rng.randrange(1, len(data))] + other[rng.randrange(len(other)) :]
    for _ in range(rng.randint(1, 3)):
        if data:
            rng.choice(MUTATIONS)(data, rng)
    return bytes(data or b"%PDF-1.4\n")


def try_file(path: Path, limits: object, pool: object) -> tuple[str, float, str]:
    """(outcome, seconds, message) of reading ``path`` as `synopsis extract --json` does."""
    from app.text import safe_json
    from ingestion import document_sentences, read_pdf
    from ingestion.errors import AppError

    started = time.perf_counter()
    try:
        doc = read_pdf(path, limits=limits, pool=pool)  # type: ignore[arg-type]
        data = doc.to_json()
        data["sentences"] = [{"text": s.text, "page": s.page} for s in document_sentences(doc)]
        safe_json(data).encode("utf-8")
        outcome, message = "ok", ""
    except AppError as exc:
        outcome, message = exc.kind, exc.user_message
    except Exception as exc:  # what the goal says must never happen
        outcome, message = f"unhandled: {type(exc).__name__}", str(exc)
    return outcome, time.perf_counter() - started, message
