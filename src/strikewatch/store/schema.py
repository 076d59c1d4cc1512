"""The database schema, as numbered migrations shared by SQLite and PostgreSQL.

Each migration is a list of statements written in the SQL both engines accept; ``{blob}``
and ``{serial}`` are filled in per engine. A database records the version it reached in
``meta``; opening it runs the migrations it lacks, each in its own transaction.

What is stored:
- ``articles``: the raw input byte for byte, the raw and cleaned text, metadata.
- ``cleaning_spans``: what cleaning removed or flagged, and why.
- ``reports``: each event as one article reported it (the extraction output, unmerged).
- ``events`` + ``event_reports``: events merged across articles (resolve), with their sources.
- ``event_tags``: attack types, weapons and targets of an event, for filtering.
- ``event_aliases``: an event id that was replaced by another when reports merged.
- ``event_updates``: the log of what each new report changed.
- ``waves`` + ``wave_reports``, ``aggregates``, ``claims``.
- ``watched_feeds`` + ``feed_entries``: what ``strikewatch watch`` keeps between polls.
"""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    # 1: the first schema
    [
        """CREATE TABLE IF NOT EXISTS meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL)""",
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            raw {blob} NOT NULL,
            raw_format TEXT NOT NULL,
            text TEXT NOT NULL,
            cleaned_text TEXT NOT NULL,
            published TEXT,
            url TEXT,
            title TEXT,
            outlet TEXT,
            language TEXT,
            origin TEXT,
            encoding TEXT,
            decode_notes TEXT NOT NULL,
            offsets TEXT NOT NULL,
            quality TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            ingested_at TEXT NOT NULL)""",
        "CREATE INDEX articles_content_hash ON articles (content_hash)",
        "CREATE INDEX articles_url ON articles (url)",
        """CREATE TABLE cleaning_spans (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            raw_start INTEGER NOT NULL,
            raw_end INTEGER NOT NULL,
            action TEXT NOT NULL,
            kind TEXT NOT NULL,
            reason TEXT NOT NULL,
            text TEXT NOT NULL,
            clean_start INTEGER,
            clean_end INTEGER,
            PRIMARY KEY (article_id, seq))""",
        """CREATE TABLE reports (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            date TEXT,
            country TEXT,
            admin1 TEXT,
            location TEXT,
            published TEXT,
            data TEXT NOT NULL)""",
        "CREATE INDEX reports_block ON reports (country, date)",
        "CREATE INDEX reports_article ON reports (article_id)",
        """CREATE TABLE events (
            id TEXT PRIMARY KEY,
            date TEXT,
            date_precision TEXT,
            country TEXT,
            admin1 TEXT,
            location TEXT,
            attacker TEXT,
            killed_min INTEGER,
            killed_max INTEGER,
            injured_min INTEGER,
            injured_max INTEGER,
            lat DOUBLE PRECISION,
            lon DOUBLE PRECISION,
            wave_id TEXT,
            disputed INTEGER NOT NULL DEFAULT 0,
            n_sources INTEGER NOT NULL,
            search_text TEXT NOT NULL,
            data TEXT NOT NULL)""",
        "CREATE INDEX events_date ON events (date)",
        "CREATE INDEX events_country ON events (country, admin1)",
        """CREATE TABLE event_reports (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            PRIMARY KEY (event_id, report_id))""",
        "CREATE INDEX event_reports_report ON event_reports (report_id)",
        """CREATE TABLE event_tags (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (event_id, kind, value))""",
        "CREATE INDEX event_tags_value ON event_tags (kind, value)",
        """CREATE TABLE event_aliases (
            old_id TEXT PRIMARY KEY,
            new_id TEXT NOT NULL)""",
        """CREATE TABLE event_updates (
            seq {serial},
            event_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            at TEXT NOT NULL,
            detail TEXT NOT NULL)""",
        "CREATE INDEX event_updates_event ON event_updates (event_id)",
        """CREATE TABLE waves (
            id TEXT PRIMARY KEY,
            date TEXT,
            attacker TEXT,
            target_country TEXT,
            data TEXT NOT NULL)""",
        """CREATE TABLE wave_reports (
            wave_id TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (article_id, seq))""",
        "CREATE INDEX wave_reports_wave ON wave_reports (wave_id)",
        """CREATE TABLE aggregates (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (article_id, seq))""",
        """CREATE TABLE claims (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            report_id TEXT,
            kind TEXT NOT NULL,
            side TEXT,
            data TEXT NOT NULL,
            PRIMARY KEY (article_id, seq))""",
        "CREATE INDEX claims_report ON claims (report_id)",
    ],
    # 2: watched feeds (strikewatch watch): HTTP caching state and back-off per feed, and the
    # feed entries that were handled without storing an article (a duplicate of a stored
    # text, a page that will never give one), so that no poll fetches them again
    [
        """CREATE TABLE watched_feeds (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            status TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            polled_at TEXT)""",
        """CREATE TABLE feed_entries (
            article_id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            feed_url TEXT NOT NULL,
            outcome TEXT NOT NULL,
            detail TEXT,
            seen_at TEXT NOT NULL)""",
    ],
    # 3: the fields resolve groups reports by, in columns (``model.ReportKey``), so that a
    # busy day's reports are grouped without reading their JSON; ``region`` is admin1
    # folded. Rows stored before stay NULL there and are read whole (pipeline._keys).
    # An event's merge state (``resolve.merging``): a new source is added to it without
    # reading the event's other reports; NULL for events stored before, which are merged
    # from their reports the next time they change.
    [
        "ALTER TABLE events ADD COLUMN merge_state TEXT",
        "ALTER TABLE reports ADD COLUMN date_precision TEXT",
        "ALTER TABLE reports ADD COLUMN region TEXT",
        "ALTER TABLE reports ADD COLUMN attacker TEXT",
        "ALTER TABLE reports ADD COLUMN attribution TEXT",
        "ALTER TABLE reports ADD COLUMN shifty INTEGER",
        "CREATE INDEX reports_region ON reports (country, region, date)",
        "DROP INDEX reports_block",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)
