-- Data protection (issue 8): per-call data keys, encrypted blobs, transcript turns, PII finding
-- counts, consent records, the hash-chained audit log and retention bookkeeping.

-- Times as Unix milliseconds (UTC) for arithmetic in retention and reports.
ALTER TABLE calls ADD COLUMN started_ms INTEGER;
ALTER TABLE calls ADD COLUMN ended_ms INTEGER;
CREATE INDEX calls_started_ms ON calls (started_ms);

-- One wrapped data key per call. Deleting the row is crypto-shredding: the key column is
-- overwritten first and the database runs with secure_delete, so no copy stays in free pages.
CREATE TABLE call_keys (
    call_id         TEXT PRIMARY KEY REFERENCES calls (id),
    master_key_id   TEXT NOT NULL,
    wrapped         BLOB NOT NULL,
    created_ms      INTEGER NOT NULL
);
CREATE INDEX call_keys_master ON call_keys (master_key_id);

-- Sealed blobs (AES-256-GCM under the call's data key; AAD = call id, class, blob id). Small
-- ones keep their ciphertext here, larger ones live under data/blobs/ (ciphertext NULL).
CREATE TABLE blobs (
    id              TEXT PRIMARY KEY,
    call_id         TEXT NOT NULL REFERENCES calls (id),
    class           TEXT NOT NULL,
    media_type      TEXT NOT NULL,
    size            INTEGER NOT NULL,
    created_ms      INTEGER NOT NULL,
    in_file         INTEGER NOT NULL,
    ciphertext      BLOB
);
CREATE INDEX blobs_call ON blobs (call_id);
CREATE INDEX blobs_class_created ON blobs (class, created_ms);

-- Transcript turns: the redacted text in clear (already stripped of PII), the raw text only as
-- a sealed blob.
CREATE TABLE transcript_turns (
    call_id         TEXT NOT NULL REFERENCES calls (id),
    seq             INTEGER NOT NULL,
    at_ms           INTEGER NOT NULL,
    speaker         TEXT NOT NULL,
    redacted_text   TEXT,
    raw_blob_id     TEXT,
    PRIMARY KEY (call_id, seq)
);

-- How many PII findings of each type a turn had (types only, never values): for reports.
CREATE TABLE pii_findings (
    call_id         TEXT NOT NULL REFERENCES calls (id),
    turn_seq        INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    count           INTEGER NOT NULL,
    at_ms           INTEGER NOT NULL
);
CREATE INDEX pii_findings_call ON pii_findings (call_id);
CREATE INDEX pii_findings_at ON pii_findings (at_ms);

-- Recording consent answers.
CREATE TABLE consents (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id         TEXT NOT NULL REFERENCES calls (id),
    at_ms           INTEGER NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('keypad', 'speech')),
    policy_version  TEXT NOT NULL,
    granted         INTEGER NOT NULL CHECK (granted IN (0, 1))
);
CREATE INDEX consents_call ON consents (call_id);
CREATE INDEX consents_at ON consents (at_ms);

-- The audit chain (see voxgate_security::audit). Append-only: updates are refused by trigger;
-- deletes only while retention has opened audit_guard inside its own transaction. `row_id` is
-- the storage order verification reads in, `seq` the chain position, so reordered, inserted
-- or deleted rows all show as such.
CREATE TABLE audit_log (
    row_id              INTEGER PRIMARY KEY,
    seq                 INTEGER NOT NULL UNIQUE,
    event_id            TEXT NOT NULL,
    timestamp_ms        INTEGER NOT NULL,
    event_type          TEXT NOT NULL,
    actor               TEXT NOT NULL,
    call_id             TEXT,
    session_id          TEXT,
    source_ip           TEXT,
    user_agent          TEXT,
    resource            TEXT NOT NULL,
    action              TEXT NOT NULL,
    result              TEXT NOT NULL,
    pii_involved        INTEGER NOT NULL,
    data_classification TEXT NOT NULL,
    compliance_tags     TEXT NOT NULL,
    risk_score          INTEGER NOT NULL,
    action_taken        TEXT,
    prev_hash           BLOB NOT NULL,
    hash                BLOB NOT NULL,
    mac                 BLOB NOT NULL
);
CREATE INDEX audit_log_time ON audit_log (timestamp_ms);
CREATE INDEX audit_log_call ON audit_log (call_id);

CREATE TABLE audit_guard (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    allow_delete    INTEGER NOT NULL
);
INSERT INTO audit_guard (id, allow_delete) VALUES (1, 0);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN (SELECT allow_delete FROM audit_guard WHERE id = 1) = 0
BEGIN
    SELECT RAISE(ABORT, 'audit_log entries are removed only by retention');
END;

-- Where the stored chain starts after retention removed older entries: the last purged
-- entry's seq and hash, authenticated with the audit key, so cutting more off the front shows.
CREATE TABLE audit_anchor (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    seq             INTEGER NOT NULL,
    hash            BLOB NOT NULL,
    mac             BLOB NOT NULL
);

-- One row per class and purge run that removed something (also audited).
CREATE TABLE purge_log (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms           INTEGER NOT NULL,
    class           TEXT NOT NULL,
    items           INTEGER NOT NULL,
    calls           INTEGER NOT NULL,
    held_skipped    INTEGER NOT NULL
);
CREATE INDEX purge_log_at ON purge_log (at_ms);
