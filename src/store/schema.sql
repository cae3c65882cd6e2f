-- dyad store schema, version 1 (SQLite flavour; readable copy of schema.c).
-- PostgreSQL uses the same tables with BIGSERIAL keys, DOUBLE PRECISION and
-- TEXT COLLATE "C" (byte order, so actor-prefix ranges use the indexes).
-- Dates are ISO 'YYYY-MM-DD' text ('' when unknown); dayn is days since
-- 1970-01-01 (NULL when unknown); week is the Monday of the ISO week.

CREATE TABLE schema_version (version INTEGER NOT NULL);   -- one row

CREATE TABLE documents (doc_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
                        date TEXT NOT NULL);
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
  UNIQUE (source, target, code, date));

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
  UNIQUE (doc_id, sentence, source, target, code, pattern));

-- Covering indexes: an actor's series and say/do read only the index.
CREATE INDEX events_source ON events (source, date, quad, goldstein, mentions);
CREATE INDEX events_target ON events (target, date, quad, goldstein, mentions);
CREATE INDEX mentions_event ON mentions (event_id);
