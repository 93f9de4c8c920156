"""The library (SQLite): see `app.store.library` for the tables."""

from app.store import lean  # noqa: F401  (first: sqlite-utils without pandas)
from app.store.faults import LibraryDamaged, LibraryError, LibraryFull, LibraryReadOnly
from app.store.library import Store
from app.store.records import (
    DocumentDetail,
    DocumentRecord,
    FailureRecord,
    SearchHit,
    SummaryRecord,
)
from app.store.search import InvalidQuery

__all__ = [
    "DocumentDetail",
    "DocumentRecord",
    "FailureRecord",
    "InvalidQuery",
    "LibraryDamaged",
    "LibraryError",
    "LibraryFull",
    "LibraryReadOnly",
    "SearchHit",
    "Store",
    "SummaryRecord",
]
