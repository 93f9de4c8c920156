"""Telling a file that needs a password from one whose encryption dictionary is broken.

PDFium answers "Incorrect password" for both: a file locked with a user password, and one
whose ``/Encrypt`` dictionary is damaged (an unknown version, a missing or short ``/O`` or
``/U`` key). No password opens the second kind, so it must be called broken, not asked for a
password forever (#22). The check reads the dictionary against the PDF standard's rules for
the Standard security handler.
"""

from __future__ import annotations

import logging
from pathlib import Path

VERSIONS = (1, 2, 4, 5)  # /V: the algorithms the standard defines
REVISIONS = (2, 3, 4, 5, 6)  # /R of the Standard security handler


def _key_length(revision: int) -> int:
    """Bytes in /O and /U: 32 up to revision 4, 48 from revision 5 (AES-256)."""
    return 32 if revision <= 4 else 48


def encryption_problem(path: Path) -> str | None:
    """What is wrong with the file's encryption dictionary, or None when it is well formed
    (then a password really is what is missing)."""
    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(str(path), strict=False)
        if not reader.is_encrypted:
            return None
        enc = reader.trailer["/Encrypt"].get_object()
    except Exception as exc:  # pypdf checks parts of the dictionary as it opens the file
        return f"its encryption dictionary is broken ({exc})"
    if not isinstance(enc, pypdf.generic.DictionaryObject):
        return "its encryption dictionary is not a dictionary"
    version, revision = enc.get("/V", 0), enc.get("/R")
    if version not in VERSIONS:
        return f"its encryption dictionary names an unknown version (/V {version})"
    if str(enc.get("/Filter", "")) != "/Standard":
        return None  # another handler: PDFium's own message applies
    if revision not in REVISIONS:
        return f"its encryption dictionary names an unknown revision (/R {revision})"
    for key in ("/O", "/U"):
        value = enc.get(key)
        if value is None:
            return f"its encryption dictionary lacks its {key} key"
        size = len(bytes(value.original_bytes if hasattr(value, "original_bytes") else value))
        if size < _key_length(int(revision)):
            return f"its encryption dictionary's {key} key is {size} bytes, too short"
    if "/P" not in enc:
        return "its encryption dictionary lacks its /P permissions"
    return None
