"""Managing the library (#26): removing documents (and undoing it), compacting the file,
corrections made by hand, and tags. The CLI and the GUI both call these `Store` methods."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from app.store import cjk
from app.store.schema import reindex_document
from ingestion.errors import AppError

CORRECTABLE = ("title", "authors", "date")
MAX_TAG = 64
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# Tables whose rows go with a document, in the order they are put back by an undo.
_OWNED = ("documents", "document_paths", "pages", "summaries")


class UnknownDocuments(AppError):
    kind = "unknown-document"

    def __init__(self, ids: Sequence[int]) -> None:
        listed = ", ".join(map(str, ids))
        super().__init__(
            f"No document {listed} in the library; nothing was changed. See `synopsis list`."
        )


class InvalidCorrection(AppError):
    kind = "invalid-correction"


@dataclass(frozen=True)
class RemovalCounts:
    """What a removal takes: rows of each kind (the PDF files on disk are never touched)."""

    documents: int
    summaries: int
    pages: int
    search_entries: int
    failures: int
    titles: tuple[str, ...]

    def describe(self) -> str:
        from app.text import plural

        summaries = plural(self.summaries, "summary", "summaries")
        entries = plural(self.search_entries, "search entry", "search entries")
        return (
            f"{plural(self.documents, 'document')} with {summaries}, "
            f"{plural(self.pages, 'page')} of text, {entries} "
            f"and {plural(self.failures, 'recorded failure')}"
        )


@dataclass(frozen=True)
class Removed:
    """The rows a removal took, kept so the GUI can put them back (Undo)."""

    counts: RemovalCounts
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]  # (table, rows)
    tags: tuple[tuple[int, str], ...]  # (document id, tag name)


def clean_tag(name: str) -> str:
    """A tag name as stored: trimmed, inner spaces single; raises when it cannot be one."""
    tag = " ".join(name.split())
    if not tag or len(tag) > MAX_TAG or "," in tag:
        raise InvalidCorrection(
            f"{name!r} cannot be a tag: use 1 to {MAX_TAG} characters without commas "
            "(e.g. thesis or case 2024-17)."
        )
    return tag


class Manage:
    """Write methods of `Store` for managing the library."""

    conn: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[None]:  # Store's
        raise NotImplementedError

    # -- removing -------------------------------------------------------------------------

    def _known(self, ids: Sequence[int]) -> list[int]:
        wanted = list(dict.fromkeys(int(i) for i in ids))
        marks = ",".join("?" * len(wanted))
        rows = self.conn.execute(f"SELECT id FROM documents WHERE id IN ({marks})", wanted)
        found = {r[0] for r in rows}
        missing = [i for i in wanted if i not in found]
        if missing:
            raise UnknownDocuments(missing)
        return wanted

    def _failure_ids(self, ids: Sequence[int]) -> list[int]:
        marks = ",".join("?" * len(ids))
        return [
            r[0]
            for r in self.conn.execute(
                f"""SELECT id FROM failures WHERE
                    sha256 IN (SELECT sha256 FROM documents WHERE id IN ({marks}))
                    OR path IN (SELECT path FROM document_paths WHERE document_id IN ({marks}))""",
                [*ids, *ids],
            )
        ]

    def removal_counts(self, ids: Sequence[int]) -> RemovalCounts:
        """What removing ``ids`` would take, for a confirmation; raises for unknown ids."""
        ids = self._known(ids)
        marks = ",".join("?" * len(ids))

        def count(sql: str) -> int:
            return int(self.conn.execute(sql.format(marks=marks), ids).fetchone()[0])

        return RemovalCounts(
            documents=len(ids),
            summaries=count("SELECT COUNT(*) FROM summaries WHERE document_id IN ({marks})"),
            pages=count("SELECT COUNT(*) FROM pages WHERE document_id IN ({marks})"),
            search_entries=count(
                "SELECT COUNT(*) FROM search_index WHERE document_id IN ({marks})"
            ),
            failures=len(self._failure_ids(ids)),
            titles=tuple(
                r[0]
                for r in self.conn.execute(
                    f"SELECT title FROM documents WHERE id IN ({marks}) ORDER BY id", ids
                )
            ),
        )

    def remove(self, ids: Sequence[int]) -> Removed:
        """Remove documents with their paths, pages, summaries, tags, failures and search
        entries, in one transaction; all or nothing. Returns what went, for an undo."""
        with self.transaction():
            counts = self.removal_counts(ids)
            ids = self._known(ids)
            marks = ",".join("?" * len(ids))
            failure_ids = self._failure_ids(ids)
            rows = [
                (table, self._rows(table, "id" if table == "documents" else "document_id", ids))
                for table in _OWNED
            ]
            rows.append(("failures", self._rows("failures", "id", failure_ids)))
            tags = tuple(
                (r[0], r[1])
                for r in self.conn.execute(
                    f"""SELECT dt.document_id, t.name FROM document_tags dt
                        JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id IN ({marks})""",
                    ids,
                )
            )
            for table in ("search_index", "search_cjk"):
                self.conn.execute(f"DELETE FROM {table} WHERE document_id IN ({marks})", ids)
            fmarks = ",".join("?" * len(failure_ids))
            self.conn.execute(f"DELETE FROM failures WHERE id IN ({fmarks})", failure_ids)
            # Paths, pages, summaries and tag links go by ON DELETE CASCADE.
            self.conn.execute(f"DELETE FROM documents WHERE id IN ({marks})", ids)
            self._prune_tags()
        return Removed(counts, tuple(rows), tags)

    def _rows(self, table: str, key: str, ids: Sequence[int]) -> tuple[dict[str, Any], ...]:
        marks = ",".join("?" * len(ids))
        cur = self.conn.execute(f"SELECT * FROM {table} WHERE {key} IN ({marks})", list(ids))
        names = [d[0] for d in cur.description]
        return tuple(dict(zip(names, r, strict=True)) for r in cur.fetchall())

    def restore(self, removed: Removed) -> None:
        """Put back what `remove` took (the GUI's Undo), under the same ids."""
        with self.transaction():
            try:
                for table, rows in removed.rows:
                    for full in rows:
                        # A failure's id means nothing elsewhere: a new one may have taken it.
                        row = {k: v for k, v in full.items() if table != "failures" or k != "id"}
                        cols = ", ".join(row)
                        marks = ",".join("?" * len(row))
                        self.conn.execute(
                            f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values())
                        )
            except sqlite3.IntegrityError as exc:
                raise AppError(
                    "The removed documents cannot be put back: the library changed since (the "
                    "same files were added again, or new documents took their place). Nothing "
                    "was changed; summarize the files again to get them back."
                ) from exc
            for doc_id, name in removed.tags:
                self._link_tag(doc_id, name)
            for row in dict(removed.rows).get("documents", ()):
                reindex_document(self.conn, int(row["id"]), cjk.index_text)

    def compact(self) -> tuple[int, int]:
        """VACUUM the library file; return its size in bytes before and after."""
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = self._size()
        self.conn.execute("VACUUM")
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return before, self._size()

    def _size(self) -> int:
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        return int(pages) * int(self.conn.execute("PRAGMA page_size").fetchone()[0])

    # -- corrections ----------------------------------------------------------------------

    def correct(self, doc_id: int, **fields: Any) -> dict[str, Any]:
        """Set fields by hand (title: str, authors: list[str], date: YYYY[-MM[-DD]]); a value
        of None resets that field to what extraction found. Corrected fields survive every
        new extraction and summary. Returns the document's corrected fields afterwards."""
        unknown = set(fields) - set(CORRECTABLE)
        if unknown:
            raise InvalidCorrection(f"Only {', '.join(CORRECTABLE)} can be corrected by hand.")
        with self.transaction():
            self._known([doc_id])
            title, authors, metadata, corrected = self._correctable(doc_id)
            current: dict[str, Any] = {
                "title": title,
                "authors": authors,
                "date": metadata.get("created", ""),
            }
            for name, value in fields.items():
                if value is None:
                    if name in corrected:
                        current[name] = corrected.pop(name)
                    continue
                value = _checked(name, value)
                corrected.setdefault(name, current[name])
                current[name] = value
            if current["date"]:
                metadata["created"] = current["date"]
            else:
                metadata.pop("created", None)
            self.conn.execute(
                """UPDATE documents SET title = ?, authors = ?, metadata = ?, corrected = ?
                   WHERE id = ?""",
                (
                    current["title"],
                    json.dumps(current["authors"], ensure_ascii=False),
                    json.dumps(metadata, ensure_ascii=False),
                    json.dumps(corrected, ensure_ascii=False),
                    doc_id,
                ),
            )
            reindex_document(self.conn, doc_id, cjk.index_text)
        return corrected

    def _correctable(self, doc_id: int) -> tuple[str, list[str], dict[str, str], dict[str, Any]]:
        row = self.conn.execute(
            "SELECT title, authors, metadata, corrected FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return row[0], json.loads(row[1]), json.loads(row[2]), json.loads(row[3])

    def keep_corrections(self, doc_id: int, row: dict[str, Any]) -> None:
        """Before a new extraction overwrites ``row``'s document: keep the user's fields,
        and remember what extraction found now (the value a reset goes back to)."""
        title, authors, metadata, corrected = self._correctable(doc_id)
        if not corrected:
            return
        found = json.loads(row["metadata"])
        if "title" in corrected:
            corrected["title"], row["title"] = row["title"], title
        if "authors" in corrected:
            corrected["authors"] = json.loads(row["authors"])
            row["authors"] = json.dumps(authors, ensure_ascii=False)
        if "date" in corrected:
            corrected["date"] = found.get("created", "")
            found["created"] = metadata.get("created", "")
            row["metadata"] = json.dumps(found, ensure_ascii=False)
        row["corrected"] = json.dumps(corrected, ensure_ascii=False)

    # -- tags -----------------------------------------------------------------------------

    def tag(self, ids: Sequence[int], name: str) -> int:
        """Tag documents with ``name``; returns how many were newly tagged."""
        tag = clean_tag(name)
        with self.transaction():
            return sum(self._link_tag(doc_id, tag) for doc_id in self._known(ids))

    def untag(self, ids: Sequence[int], name: str) -> int:
        """Take tag ``name`` off documents; returns how many had it."""
        tag = clean_tag(name)
        with self.transaction():
            ids = self._known(ids)
            marks = ",".join("?" * len(ids))
            cur = self.conn.execute(
                f"""DELETE FROM document_tags WHERE document_id IN ({marks})
                    AND tag_id = (SELECT id FROM tags WHERE name = ?)""",
                [*ids, tag],
            )
            self._prune_tags()
            return cur.rowcount

    def _link_tag(self, doc_id: int, tag: str) -> int:
        self.conn.execute("INSERT INTO tags (name) VALUES (?) ON CONFLICT(name) DO NOTHING", (tag,))
        cur = self.conn.execute(
            """INSERT OR IGNORE INTO document_tags (document_id, tag_id)
               SELECT ?, id FROM tags WHERE name = ?""",
            (doc_id, tag),
        )
        return cur.rowcount

    def _prune_tags(self) -> None:
        self.conn.execute(
            "DELETE FROM tags WHERE id NOT IN (SELECT DISTINCT tag_id FROM document_tags)"
        )

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with how many documents have it, by name."""
        return [
            (r[0], int(r[1]))
            for r in self.conn.execute(
                """SELECT t.name, COUNT(*) FROM tags t JOIN document_tags dt ON dt.tag_id = t.id
                   GROUP BY t.id ORDER BY t.name COLLATE NOCASE"""
            )
        ]

    def tag_exists(self, name: str) -> bool:
        return bool(self.conn.execute("SELECT 1 FROM tags WHERE name = ?", (name,)).fetchone())

    # -- files ----------------------------------------------------------------------------

    def all_paths(self) -> Iterator[tuple[int, str, list[str]]]:
        """Every document's id, title and recorded paths (newest first)."""
        rows = self.conn.execute(
            """SELECT d.id, d.title, p.path FROM documents d
               LEFT JOIN document_paths p ON p.document_id = d.id
               ORDER BY d.id, p.last_seen DESC, p.rowid DESC"""
        )
        current: tuple[int, str, list[str]] | None = None
        for doc_id, title, path in rows:
            if current is None or current[0] != doc_id:
                if current is not None:
                    yield current
                current = (doc_id, title, [])
            if path:
                current[2].append(path)
        if current is not None:
            yield current

    def sha256_of(self, doc_id: int) -> str | None:
        row = self.conn.execute("SELECT sha256 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return str(row[0]) if row else None


def _checked(name: str, value: Any) -> Any:
    if name == "title":
        title = " ".join(str(value).split())
        if not title:
            raise InvalidCorrection("A title cannot be empty; give the document's title.")
        return title
    if name == "authors":
        names = [" ".join(str(a).split()) for a in value]
        return [a for a in names if a]
    date = str(value).strip()
    if not date:
        return ""  # no date, by the user's choice
    if not _DATE.fullmatch(date) or not _real_date(date):
        raise InvalidCorrection(
            f"{value!r} is not a date; write it as YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-03-01)."
        )
    return date


def _real_date(text: str) -> bool:
    from datetime import date

    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True
