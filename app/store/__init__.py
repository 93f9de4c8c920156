"""The library (SQLite): see `app.store.library` for the tables."""

from app.store.library import LibraryError, Store
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
    "LibraryError",
    "SearchHit",
    "Store",
    "SummaryRecord",
]
