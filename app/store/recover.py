"""Rebuilding a damaged library from everything still readable (#21).

Rows are copied table by table into a new library (fresh schema, every migration applied),
in rowid order; where SQLite meets a damaged page the scan jumps ahead (1, 2, 4… rowids) and
goes on from the first rowid it can read again. Rows that point at a lost document are left
out; the search index is rebuilt from what was copied. The paths the old file knew are kept,
so the caller can read again the PDFs still on disk whose documents were lost or incomplete.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.store import cjk
from app.store.backups import open_read_only
from app.store.library import Store
from app.store.schema import RENAMED, no_runtime_for_extractive, reindex_document

# Parents before children: foreign keys reject rows whose document (or run) was lost.
TABLES = (
    "documents",
    "document_paths",
    "pages",
    "summaries",
    "runs",
    "failures",
    "chunk_cache",
)
MAX_JUMP = 1 << 40


@dataclass
class TableCopy:
    copied: int = 0
    orphans: int = 0  # rows whose document (or run) was lost
    damaged_spots: int = 0  # places the scan met damage and jumped ahead


@dataclass
class Recovery:
    tables: dict[str, TableCopy] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)  # every PDF path the old library named

    @property
    def copied(self) -> int:
        return sum(t.copied for t in self.tables.values())

    @property
    def damaged_spots(self) -> int:
        return sum(t.damaged_spots for t in self.tables.values())

    def describe(self) -> str:
        parts = [
            f"{name} {t.copied}" + (f" ({t.orphans} orphaned left out)" if t.orphans else "")
            for name, t in self.tables.items()
        ]
        return "rows copied: " + ", ".join(parts)


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")]
    except sqlite3.DatabaseError:
        return []


def readable_rows(
    conn: sqlite3.Connection, table: str, columns: list[str], stats: TableCopy
) -> Iterator[tuple[object, ...]]:
    """Every row of ``table`` SQLite can still read, in rowid order, jumping over damage."""
    try:
        top = conn.execute(f"SELECT MAX(rowid) FROM {table}").fetchone()[0]
    except sqlite3.DatabaseError:
        top = None
    sql = f"SELECT rowid, {', '.join(columns)} FROM {table} WHERE rowid > ? ORDER BY rowid"
    last, jump = -(1 << 62), 1
    while True:
        try:
            for row in conn.execute(sql, (last,)):
                last, jump = int(row[0]), 1
                yield tuple(row[1:])
            return
        except sqlite3.DatabaseError:
            stats.damaged_spots += 1
            last = max(last, 0) + jump
            jump *= 2
            if jump > MAX_JUMP or (top is not None and last >= int(top)):
                return


def recover_rows(damaged: Path, target: Path) -> Recovery:
    """Copy what can be read of ``damaged`` into a new library at ``target``."""
    result = Recovery()
    src = open_read_only(damaged)
    try:
        with Store(target) as dest, dest.transaction():
            for table in TABLES:
                result.tables[table] = _copy_table(src, dest.conn, table)
            result.paths = _known_paths(src)
            no_runtime_for_extractive(dest.conn)  # rows of a library older than 011
            for (doc_id,) in dest.conn.execute("SELECT id FROM documents").fetchall():
                reindex_document(dest.conn, doc_id, cjk.index_text)
    finally:
        src.close()
    return result


def _copy_table(src: sqlite3.Connection, dest: sqlite3.Connection, table: str) -> TableCopy:
    stats = TableCopy()
    wanted = set(_columns(dest, table))
    renamed = RENAMED.get(table, {})
    pairs = [(c, renamed.get(c, c)) for c in _columns(src, table)]
    pairs = [(old, new) for old, new in pairs if new in wanted]
    columns = [old for old, _ in pairs]
    if not columns:
        stats.damaged_spots += 1
        return stats
    insert = (
        f"INSERT OR IGNORE INTO {table} ({', '.join(new for _, new in pairs)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    for row in readable_rows(src, table, columns, stats):
        try:
            added = dest.execute(insert, row).rowcount == 1
        except sqlite3.IntegrityError:  # its document (or run) was lost
            added = False
        if added:
            stats.copied += 1
        else:  # an orphan, or a damaged row (a NULL where a value must be)
            stats.orphans += 1
    return stats


def _known_paths(src: sqlite3.Connection) -> list[str]:
    paths: set[str] = set()
    for table in ("document_paths", "failures"):
        for (path,) in readable_rows(src, table, ["path"], TableCopy()):
            if isinstance(path, str) and path:
                paths.add(path)
    return sorted(paths)


def lost_part(store: Store, sha256: str) -> str | None:
    """What a file with these bytes lost in the recovery: "document" (the document or every
    summary: summarize it again), "pages" (some page text: read it again), or None."""
    row = store.conn.execute(
        """SELECT d.page_count,
                  (SELECT COUNT(*) FROM pages p WHERE p.document_id = d.id),
                  (SELECT COUNT(*) FROM summaries s WHERE s.document_id = d.id)
           FROM documents d WHERE d.sha256 = ?""",
        (sha256,),
    ).fetchone()
    if row is None or row[2] == 0:
        return "document"
    return "pages" if row[1] < row[0] else None
