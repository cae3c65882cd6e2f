-- dyad store schema, version 3 (SQLite flavour; readable copy of schema.c,
-- where version 1 and the migrations to 2 and 3 are the source of truth).
-- Version 3 changes PostgreSQL only: events_source is dropped and
-- events_target and event_months_target are on (target) alone.
-- PostgreSQL uses the same tables with BIGSERIAL keys, DOUBLE PRECISION and
-- TEXT COLLATE "C" (byte order, so actor-prefix ranges use the indexes).
-- Dates are ISO 'YYYY-MM-DD' text ('' when unknown); dayn is days since
-- 1970-01-01 (NULL when unknown); week is the Monday of the ISO week.

CREATE TABLE schema_version (version INTEGER NOT NULL);   -- one row

-- Provenance: one row per load (dyad load, dyad_store_begin..commit) or
-- dyad code --db run, written in the run's own transaction.
CREATE TABLE runs (
  run_id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,          -- ISO-8601 UTC, 2026-11-25T08:00:00Z
  dyad_version TEXT NOT NULL,        -- of the dyad that wrote the rows
  command TEXT NOT NULL,             -- 'code' | 'load'
  input TEXT,                        -- file names
  dictionaries TEXT,                 -- JSON [{"path","kind","entries","version"|"checksum"}]
  goldstein_scale TEXT, quad_scheme TEXT,
  records_read INTEGER, records_coded INTEGER, records_rejected INTEGER,
  sentences INTEGER,                 -- NULL when unknown (a load of events)
  mentions_read INTEGER, mentions_loaded INTEGER, mentions_duplicate INTEGER,
  mentions_rejected INTEGER);

CREATE TABLE documents (doc_id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                        date TEXT NOT NULL);
CREATE UNIQUE INDEX documents_name ON documents (name);
CREATE TABLE sentences (doc_id INTEGER NOT NULL REFERENCES documents(doc_id),
                        idx INTEGER NOT NULL, text TEXT NOT NULL,
                        PRIMARY KEY (doc_id, idx));
CREATE TABLE actors (code TEXT PRIMARY KEY, entity TEXT NOT NULL,   -- RUS
                     role TEXT NOT NULL, attribute TEXT NOT NULL);  -- GOV, ...
CREATE TABLE codes (code TEXT PRIMARY KEY, root TEXT NOT NULL, quad INTEGER NOT NULL,
                    goldstein REAL, plover TEXT NOT NULL, name TEXT NOT NULL);

-- An event: mentions merged by (source, target, code, date).
CREATE TABLE events (
  event_id INTEGER PRIMARY KEY,
  date TEXT NOT NULL, dayn INTEGER, week TEXT NOT NULL,
  source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL,
  root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL, plover TEXT NOT NULL,
  mentions INTEGER NOT NULL DEFAULT 0,           -- supporting mentions
  run_id INTEGER);                               -- the run that created it
CREATE UNIQUE INDEX events_key ON events (source, target, code, date);

-- A mention: one coded sentence. Its content key makes loads idempotent.
CREATE TABLE mentions (
  mention_id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(event_id),
  doc_id INTEGER NOT NULL REFERENCES documents(doc_id),
  sentence INTEGER NOT NULL,
  source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL, pattern TEXT NOT NULL,
  source_text TEXT NOT NULL, target_text TEXT NOT NULL, verb_text TEXT NOT NULL,
  source_start INTEGER NOT NULL, source_end INTEGER NOT NULL,   -- byte offsets in
  target_start INTEGER NOT NULL, target_end INTEGER NOT NULL,   -- sentences.text
  verb_start INTEGER NOT NULL, verb_end INTEGER NOT NULL,
  issues TEXT NOT NULL, flags TEXT NOT NULL,
  run_id INTEGER);                               -- the run that stored it
CREATE UNIQUE INDEX mentions_key ON mentions (doc_id, sentence, source, target, code, pattern);

-- Covering indexes: an actor's raw series reads only the index.
CREATE INDEX events_source ON events (source, date, quad, goldstein, mentions);
CREATE INDEX events_target ON events (target, date, quad, goldstein, mentions);
CREATE INDEX mentions_event ON mentions (event_id);

-- The monthly summary, kept by every load in its transaction: one row per
-- (source, target, month, quad) with events, mentions, and Goldstein sums
-- and counts over the events (gold_*) and the mentions (gold_m*) that have
-- a value. Series, say/do and partners read it when they can.
CREATE TABLE event_months (
  source TEXT NOT NULL, target TEXT NOT NULL, month TEXT NOT NULL, quad INTEGER NOT NULL,
  events INTEGER NOT NULL, mentions INTEGER NOT NULL,
  gold_sum REAL NOT NULL, gold_n INTEGER NOT NULL,
  gold_msum REAL NOT NULL, gold_mn INTEGER NOT NULL,
  PRIMARY KEY (source, target, month, quad)) WITHOUT ROWID;
CREATE INDEX event_months_target ON event_months (target, source, month, quad, events,
  mentions, gold_sum, gold_n, gold_msum, gold_mn);
