"""A tiny PDF writer: pages of plain text in Helvetica, nothing else.

Synopsis makes its own sample PDFs and its tests' PDFs with this, so neither depends on a PDF
library's writer or on files from elsewhere. Text is Latin-1 (the standard fonts' range).
"""

from __future__ import annotations

import re
import textwrap
import zlib
from collections.abc import Mapping, Sequence
from itertools import zip_longest
from pathlib import Path


def _escape(text: str) -> str:
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def wrap(paragraphs: Sequence[str], width: int = 88) -> list[str]:
    """Wrap paragraphs into lines, with a blank line between paragraphs."""
    lines: list[str] = []
    for para in paragraphs:
        if lines:
            lines.append("")
        lines.extend(textwrap.wrap(para, width) or [""])
    return lines


def paginate(lines: Sequence[str], per_page: int = 46) -> list[list[str]]:
    return [list(lines[i : i + per_page]) for i in range(0, len(lines), per_page)] or [[]]


def write_pdf(
    path: str | Path,
    pages: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    author: str | None = None,
    header: str | None = None,
    footer_numbers: bool = False,
    compress: bool = True,
    heading: Sequence[str] = (),
    columns: int = 1,
    row_by_row: bool = False,
    to_unicode: Mapping[str, str] | None = None,
    font: str = "Helvetica",
    dynamic_xfa: bool = False,
    rotate: Sequence[int] = (),
    form: Sequence[str] = (),
) -> Path:
    """Write ``pages`` (each a list of text lines) to ``path``; returns the path.

    ``header`` repeats a running header on every page; ``footer_numbers`` adds "Page N of M";
    ``heading`` lines are set in 22-point type atop the first page (a title, as layout shows it);
    ``columns=2`` sets each page's lines in two columns, the first half on the left; with
    ``row_by_row`` the content stream writes each row's left line, then its right line (as
    some generators do), instead of one column after the other.
    ``to_unicode`` maps Latin-1 characters to the text a reader should get for them, through
    the font's /ToUnicode map: characters beyond the BMP as UTF-16 pairs, and a lone
    surrogate half as it is (as broken PDFs have them).
    ``font`` names the standard font of body text ("Courier": every glyph 0.6 em wide).
    ``dynamic_xfa`` marks the file as a dynamic XFA form (its pages only a placeholder that
    XFA viewers replace, "Please wait…").
    ``rotate`` gives pages a /Rotate (90, 180, 270, one per page, 0 for none); their content is
    drawn turned the other way, so each still shows upright on a portrait page, as landscape
    and scanned pages are stored.
    ``form`` holds content-stream operators drawn on the first page through a Form XObject
    (text inside a form object, as some generators place it), after the page's own lines.
    A line starting "%ops " is written as content-stream operators, as it is.
    A line starting "## " is a heading in 15-point bold; "** " a bold line at body size;
    "<N> " a line in N-point type, "<Nb> " in N-point bold, "<Nc> " or "<Nbc> " centred.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled below
    pages_obj = add(b"")
    unicode_map = b""
    if to_unicode:
        cmap = _cmap(to_unicode)
        unicode_map = b" /ToUnicode %d 0 R" % add(
            b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"
        )
    font = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding%s >>"
        % (font.encode("ascii"), unicode_map)
    )
    bold = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    xobjects = b""
    if form:
        body = "\n".join(form).encode("latin-1")
        xobjects = b" /XObject << /Fm0 %d 0 R >>" % add(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Length %d >>\nstream\n"
            % (font, len(body))
            + body
            + b"\nendstream"
        )
    kids = []
    total = len(pages)
    for number, lines in enumerate(pages, start=1):
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
        if header:
            ops += [f"({_escape(header)}) Tj", "T*", "T*"]
        if number == 1 and heading:
            ops += ["/F1 22 Tf", "26 TL"]
            for line in heading:
                ops += [f"({_escape(line)}) Tj", "T*"]
            ops += ["/F1 11 Tf", "14 TL", "T*"]
        half = (len(lines) + 1) // 2 if columns == 2 else len(lines)
        # Where the columns start: below the header and the first page's heading.
        top = 760 - 28 * bool(header) - (26 * len(heading) + 14) * (number == 1 and bool(heading))
        if row_by_row and columns == 2:
            ops.append("ET")
            rows = zip_longest(lines[:half], lines[half:])
            for row, pair in enumerate(rows):
                for x, line in zip((72, 318), pair, strict=True):
                    if line is not None:
                        ops += [
                            "BT",
                            "/F1 11 Tf",
                            f"{x} {top - 14 * row} Td",
                            *_line_ops(line),
                            "ET",
                        ]
        else:
            for line in lines[:half]:
                ops += _line_ops(line)
            ops.append("ET")
            if columns == 2:  # the right column starts level with the left one
                ops += ["BT", "/F1 11 Tf", "14 TL", f"318 {top} Td"]
                for line in lines[half:]:
                    ops += _line_ops(line)
                ops.append("ET")
        if footer_numbers:
            ops += ["BT", "/F1 9 Tf", "280 40 Td", f"(Page {number} of {total}) Tj", "ET"]
        if number == 1 and form:
            ops += ["/Fm0 Do"]
        turn = rotate[number - 1] % 360 if number <= len(rotate) else 0
        if turn:  # user space turned so the page shows upright after its /Rotate
            ops = ["q", _TURNS[turn], *ops, "Q"]
        stream = "\n".join(ops).encode("latin-1")
        if compress:
            data = zlib.compress(stream)
            content = add(
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
                + data
                + b"\nendstream"
            )
        else:
            content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s]%s "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >>%s >> /Contents %d 0 R >>"
                % (
                    pages_obj,
                    _BOXES[turn],
                    b" /Rotate %d" % turn if turn else b"",
                    font,
                    bold,
                    xobjects if number == 1 else b"",
                    content,
                )
            )
        )
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    xfa = b""
    if dynamic_xfa:
        template = b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'></xdp:xdp>"
        stream = add(b"<< /Length %d >>\nstream\n" % len(template) + template + b"\nendstream")
        xfa = b" /AcroForm << /Fields [] /XFA %d 0 R >> /NeedsRendering true" % stream
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_obj, xfa)
    info = None
    if title or author:
        fields = []
        if title:
            fields.append(f"/Title ({_escape(title)})")
        if author:
            fields.append(f"/Author ({_escape(author)})")
        fields.append("/Producer (Synopsis pdfmaker)")
        info = add(("<< " + " ".join(fields) + " >>").encode("latin-1"))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path = Path(path)
    path.write_bytes(bytes(out))
    return path


# Matrices from the upright page (612 x 792) to user space under each /Rotate.
_TURNS = {90: "0 1 -1 0 792 0 cm", 180: "-1 0 0 -1 612 792 cm", 270: "0 -1 1 0 0 612 cm"}
_BOXES = {0: b"612 792", 90: b"792 612", 180: b"612 792", 270: b"792 612"}


def _cmap(mapping: Mapping[str, str]) -> bytes:
    """A /ToUnicode CMap for single-byte codes; targets are written as UTF-16BE, so a lone
    surrogate half stays one."""
    pairs = [
        "<%02X> <%s>" % (ord(code), text.encode("utf-16-be", "surrogatepass").hex().upper())
        for code, text in mapping.items()
    ]
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Synopsis-UCS def /CMapType 2 def",
        "1 begincodespacerange <00> <FF> endcodespacerange",
        f"{len(pairs)} beginbfchar",
        *pairs,
        "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end",
    ]
    return "\n".join(lines).encode("ascii")


_SIZED = re.compile(r"^<(\d+)(b?)(c?)> ")


def _line_ops(line: str) -> list[str]:
    if line.startswith("%ops "):
        return [line[5:]]
    sized = _SIZED.match(line)
    if sized:
        size, text = int(sized[1]), line[sized.end() :]
        face = "/F2" if sized[2] else "/F1"
        # Centred on a 468-point measure by Helvetica's average advance (about half an em).
        shift = max(0, (468 - 0.5 * size * len(text)) / 2) if sized[3] else 0
        down = max(0, size - 11)  # room for the larger type above its baseline
        return [
            f"{shift:.1f} -{down} Td",
            f"{face} {size} Tf",
            f"({_escape(text)}) Tj",
            "/F1 11 Tf",
            f"{-shift:.1f} -{size * 0.25 + 3:.1f} Td",
            "T*",
        ]
    if line.startswith("## "):
        return ["/F2 15 Tf", f"({_escape(line[3:])}) Tj", "/F1 11 Tf", "T*"]
    if line.startswith("** "):
        return ["/F2 11 Tf", f"({_escape(line[3:])}) Tj", "/F1 11 Tf", "T*"]
    return [f"({_escape(line)}) Tj", "T*"]


def text_pdf(path: str | Path, paragraphs: Sequence[str], **kwargs: object) -> Path:
    """Wrap and paginate ``paragraphs`` into a PDF."""
    per_page = int(kwargs.pop("per_page", 46))  # type: ignore[call-overload]
    return write_pdf(path, paginate(wrap(paragraphs), per_page), **kwargs)  # type: ignore[arg-type]
