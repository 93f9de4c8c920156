"""The library's schema as an ordered list of migrations, applied on open.

A released migration is never edited, only followed by a new one. Applied names are recorded
in the ``migrations`` table, so any SQLite browser shows which version a library is at.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT the migration's transaction first; run statements one by one.
    lines = [ln.split("--", 1)[0] for ln in script.splitlines()]
    for statement in "\n".join(lines).split(";"):
        if statement.strip():
            conn.execute(statement)


def _m001_initial(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            page_count INTEGER NOT NULL,
            pages_with_text INTEGER NOT NULL,
            language TEXT,
            extractor TEXT,
            metadata TEXT NOT NULL DEFAULT '{}',   -- JSON: author, dates, producer...
            warnings TEXT NOT NULL DEFAULT '[]',   -- JSON list
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE document_paths (
            path TEXT PRIMARY KEY,                 -- one path shows one document (its bytes now)
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        );
        CREATE INDEX document_paths_doc ON document_paths(document_id);
        CREATE TABLE pages (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            text TEXT NOT NULL,
            chars INTEGER NOT NULL,
            word_ratio REAL NOT NULL,
            no_text INTEGER NOT NULL,
            garbled INTEGER NOT NULL,
            PRIMARY KEY (document_id, number)
        );
        CREATE TABLE summaries (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            summary_key TEXT NOT NULL,             -- engine|model|backend|precision|length|version
            engine TEXT NOT NULL,
            model TEXT NOT NULL,
            backend TEXT NOT NULL,
            precision TEXT NOT NULL,
            length TEXT NOT NULL,
            engine_version TEXT NOT NULL,
            text TEXT NOT NULL,
            parts TEXT NOT NULL,                   -- JSON [{"text", "pages"}]
            pages TEXT NOT NULL,                   -- JSON list of source pages
            coverage REAL NOT NULL,
            chunks INTEGER NOT NULL,
            levels INTEGER NOT NULL,
            seconds REAL NOT NULL,
            fallback_reason TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (document_id, summary_key)
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            settings TEXT NOT NULL,                -- JSON
            summarized INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'running' -- running | done | cancelled | crashed
        );
        CREATE TABLE failures (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            sha256 TEXT,
            kind TEXT NOT NULL,
            message TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(id),
            time TEXT NOT NULL,
            resolved INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX failures_open ON failures(resolved, path);
        CREATE TABLE chunk_cache (
            key TEXT PRIMARY KEY,                  -- sha256 of summary settings + input window
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        -- Full-text index: one row per title, summary and page, the text in the column of its
        -- kind so bm25 weighs title > summary > body natively. Diacritics folded.
        CREATE VIRTUAL TABLE search_index USING fts5(
            title, summary, body, document_id UNINDEXED, kind UNINDEXED, page UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
        );
        INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(3.0, 2.0, 1.0)');
        """,
    )


def _m002_stemmed_and_cjk_search(conn: sqlite3.Connection) -> None:
    """English word forms ("layoffs" finds "Layoff") and CJK words inside longer runs (#11).

    The index is rebuilt from the tables it mirrors; nothing else changes.
    """
    from app.store.cjk import index_text

    _run_script(
        conn,
        """
        DROP TABLE search_index;
        CREATE VIRTUAL TABLE search_index USING fts5(
            title, summary, body, document_id UNINDEXED, kind UNINDEXED, page UNINDEXED,
            tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3'
        );
        INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(3.0, 2.0, 1.0)');
        CREATE VIRTUAL TABLE search_cjk USING fts5(
            text, document_id UNINDEXED, kind UNINDEXED, page UNINDEXED,
            tokenize = 'unicode61'
        );
        """,
    )
    for doc_id in [r[0] for r in conn.execute("SELECT id FROM documents")]:
        reindex_document(conn, doc_id, index_text, sections=False, authors=False)


def reindex_document(
    conn: sqlite3.Connection,
    doc_id: int,
    cjk_text: Callable[[str], str],
    sections: bool = True,
    authors: bool = True,
) -> None:
    """Replace a document's rows in both search indexes with its title, summaries, section
    headings (in the summary column, so they weigh more than page text) and pages.

    ``sections`` is False only inside migrations older than the outline column, ``authors``
    inside migrations older than 008 (authors in the index).
    """
    conn.execute("DELETE FROM search_index WHERE document_id = ?", (doc_id,))
    conn.execute("DELETE FROM search_cjk WHERE document_id = ?", (doc_id,))
    rows: list[tuple[str, str, int | None]] = [
        (r[0], "title", None)
        for r in conn.execute("SELECT title FROM documents WHERE id = ?", (doc_id,))
    ]
    rows += [
        (r[0], "summary", None)
        for r in conn.execute("SELECT text FROM summaries WHERE document_id = ?", (doc_id,))
    ]
    if sections:
        latest = conn.execute(
            "SELECT outline FROM summaries WHERE document_id = ? AND outline != '[]' "
            "ORDER BY created_at DESC, id DESC LIMIT 1",
            (doc_id,),
        ).fetchone()
        rows += [
            (sec["title"], "section", sec["first_page"])
            for sec in (json.loads(latest[0]) if latest else [])
        ]
    rows += [
        (r[0], "page", r[1])
        for r in conn.execute(
            "SELECT text, number FROM pages WHERE document_id = ? AND text != ''", (doc_id,)
        )
    ]
    if authors:
        row = conn.execute("SELECT authors FROM documents WHERE id = ?", (doc_id,)).fetchone()
        index_authors(conn, doc_id, json.loads(row[0]) if row else [], cjk_text)
    column = {"title": "title", "summary": "summary", "section": "summary", "page": "body"}
    for text, kind, page in rows:
        conn.execute(
            f"INSERT INTO search_index ({column[kind]}, document_id, kind, page) "
            "VALUES (?, ?, ?, ?)",
            (text, doc_id, kind, page),
        )
        pairs = cjk_text(text)
        if pairs:
            conn.execute(
                "INSERT INTO search_cjk (text, document_id, kind, page) VALUES (?, ?, ?, ?)",
                (pairs, doc_id, kind, page),
            )


def _m003_outline(conn: sqlite3.Connection) -> None:
    """Per-section summaries of long documents (#10): JSON [{"title", "first_page",
    "last_page", "text"}], empty for documents without an outline."""
    conn.execute("ALTER TABLE summaries ADD COLUMN outline TEXT NOT NULL DEFAULT '[]'")


def _m004_authors_and_abstract(conn: sqlite3.Connection) -> None:
    """The authors named under a paper's title and its abstract, kept apart from summaries."""
    conn.execute("ALTER TABLE documents ADD COLUMN authors TEXT NOT NULL DEFAULT '[]'")
    conn.execute("ALTER TABLE documents ADD COLUMN abstract TEXT NOT NULL DEFAULT ''")


def _m005_section_headings_in_search(conn: sqlite3.Connection) -> None:
    """Section headings join the search index, weighted like summaries (#10)."""
    from app.store.cjk import index_text

    for doc_id in [r[0] for r in conn.execute("SELECT id FROM documents")]:
        reindex_document(conn, doc_id, index_text, authors=False)


def _m006_ocr_pages(conn: sqlite3.Connection) -> None:
    """Pages whose text was read by OCR from the page image (#13)."""
    conn.execute("ALTER TABLE pages ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0")


def _m007_document_outline(conn: sqlite3.Connection) -> None:
    """The document's whole outline, every level (#10): JSON [{"level", "title",
    "first_page", "last_page"}], for the summary pane's tree. Documents stored before
    this keep '[]' until they are summarized again."""
    conn.execute("ALTER TABLE documents ADD COLUMN outline TEXT NOT NULL DEFAULT '[]'")


def _m008_library_management(conn: sqlite3.Connection) -> None:
    """Managing the library (#26): tags, and fields the user corrected by hand.

    ``documents.corrected`` is JSON {field: the extracted value}: its keys are the fields
    (title, authors, date) the user set by hand, which a new extraction never overwrites;
    the values are what extraction found, restored when the correction is reset. Authors join
    the search index beside the title.
    """
    from app.store.cjk import index_text

    _run_script(
        conn,
        """
        ALTER TABLE documents ADD COLUMN corrected TEXT NOT NULL DEFAULT '{}';
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE
        );
        CREATE TABLE document_tags (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (document_id, tag_id)
        );
        CREATE INDEX document_tags_tag ON document_tags(tag_id);
        """,
    )
    for doc_id, authors in conn.execute("SELECT id, authors FROM documents").fetchall():
        index_authors(conn, doc_id, json.loads(authors), index_text)


def index_authors(
    conn: sqlite3.Connection, doc_id: int, authors: list[str], cjk_text: Callable[[str], str]
) -> None:
    """Add a document's authors to both search indexes (in the title column)."""
    text = ", ".join(authors)
    if not text:
        return
    conn.execute(
        "INSERT INTO search_index (title, document_id, kind) VALUES (?, ?, 'authors')",
        (text, doc_id),
    )
    pairs = cjk_text(text)
    if pairs:
        conn.execute(
            "INSERT INTO search_cjk (text, document_id, kind) VALUES (?, ?, 'authors')",
            (pairs, doc_id),
        )


def _m010_run_process(conn: sqlite3.Connection) -> None:
    """The process that started each run (#21), so a run left ``running`` by a killed process
    is marked ``interrupted`` when the library is next opened (see `app.store.runs`)."""
    conn.execute("ALTER TABLE runs ADD COLUMN pid INTEGER")
    conn.execute("ALTER TABLE runs ADD COLUMN host TEXT")


def _m009_passage_vectors(conn: sqlite3.Connection) -> None:
    """Passages and their MiniLM vectors, for finding by meaning (#24).

    ``passages``: windows of a page's text with the page, the section and the vector (384
    float32, little-endian, L2-normalized). ``passage_index``: one row per document whose
    passages are complete for a model, written in the same transaction as its passages, so
    a backfill killed at any point resumes with the next document and never duplicates one.
    Vectors are plain BLOBs searched in memory with numpy, not a sqlite-vec table: Python's
    sqlite3 here cannot load extensions (README, "Find by meaning", has the measurements).
    """
    _run_script(
        conn,
        """
        CREATE TABLE passages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            page INTEGER NOT NULL,
            section TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            vector BLOB NOT NULL
        );
        CREATE INDEX passages_doc ON passages(document_id);
        CREATE TABLE passage_index (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            passages INTEGER NOT NULL,
            skipped TEXT NOT NULL DEFAULT '',   -- why nothing was embedded (script, no text)
            indexed_at TEXT NOT NULL
        );
        """,
    )


# Columns renamed by a migration, old name -> new, by table: recovery copies an older library's
# rows under the new names.
RENAMED: dict[str, dict[str, str]] = {"summaries": {"engine": "method", "backend": "runtime"}}


def _m011_method_and_runtime(conn: sqlite3.Connection) -> None:
    """One word per concept (#23): a summary's ``method`` (abstractive | extractive) and
    ``runtime`` (torch, ctranslate2, openvino, neuron; empty for the extractive method), which
    were ``engine`` and ``backend`` (where the extractive method stood in as its own backend).
    The stored summary keys stay as they were."""
    for old, new in RENAMED["summaries"].items():
        conn.execute(f"ALTER TABLE summaries RENAME COLUMN {old} TO {new}")
    no_runtime_for_extractive(conn)


def no_runtime_for_extractive(conn: sqlite3.Connection) -> None:
    """Summaries made by the extractive method ran on no runtime (older rows named the method)."""
    conn.execute("UPDATE summaries SET runtime = '' WHERE method = 'extractive'")


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("001_initial", _m001_initial),
    ("002_stemmed_and_cjk_search", _m002_stemmed_and_cjk_search),
    ("003_outline", _m003_outline),
    ("004_authors_and_abstract", _m004_authors_and_abstract),
    ("005_section_headings_in_search", _m005_section_headings_in_search),
    ("006_ocr_pages", _m006_ocr_pages),
    ("007_document_outline", _m007_document_outline),
    ("008_library_management", _m008_library_management),
    ("009_passage_vectors", _m009_passage_vectors),
    ("010_run_process", _m010_run_process),
    ("011_method_and_runtime", _m011_method_and_runtime),
]


def pending(conn: sqlite3.Connection) -> list[str]:
    """The migrations this library has not seen yet (all of them for a new file)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
    ).fetchone()
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")} if exists else set()
    return [name for name, _ in MIGRATIONS if name not in done]


def has_documents(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations this library has not seen yet; return their names."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
        )
        done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
        applied = []
        for name, fn in MIGRATIONS:
            if name in done:
                continue
            fn(conn)
            conn.execute(
                "INSERT INTO migrations VALUES (?, ?)", (name, datetime.now(UTC).isoformat())
            )
            applied.append(name)
        conn.execute("COMMIT")
        return applied
    except BaseException:
        conn.execute("ROLLBACK")
        raise
