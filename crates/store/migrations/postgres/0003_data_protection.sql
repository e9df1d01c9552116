-- Data protection (issue 8): same schema as the SQLite migration, in PostgreSQL types.

ALTER TABLE calls ADD COLUMN started_ms BIGINT;
ALTER TABLE calls ADD COLUMN ended_ms BIGINT;
CREATE INDEX calls_started_ms ON calls (started_ms);

CREATE TABLE call_keys (
    call_id         TEXT PRIMARY KEY REFERENCES calls (id),
    master_key_id   TEXT NOT NULL,
    wrapped         BYTEA NOT NULL,
    created_ms      BIGINT NOT NULL
);
CREATE INDEX call_keys_master ON call_keys (master_key_id);

CREATE TABLE blobs (
    id              TEXT PRIMARY KEY,
    call_id         TEXT NOT NULL REFERENCES calls (id),
    class           TEXT NOT NULL,
    media_type      TEXT NOT NULL,
    size            BIGINT NOT NULL,
    created_ms      BIGINT NOT NULL,
    in_file         BOOLEAN NOT NULL,
    ciphertext      BYTEA
);
CREATE INDEX blobs_call ON blobs (call_id);
CREATE INDEX blobs_class_created ON blobs (class, created_ms);

CREATE TABLE transcript_turns (
    call_id         TEXT NOT NULL REFERENCES calls (id),
    seq             BIGINT NOT NULL,
    at_ms           BIGINT NOT NULL,
    speaker         TEXT NOT NULL,
    redacted_text   TEXT,
    raw_blob_id     TEXT,
    PRIMARY KEY (call_id, seq)
);

CREATE TABLE pii_findings (
    call_id         TEXT NOT NULL REFERENCES calls (id),
    turn_seq        BIGINT NOT NULL,
    kind            TEXT NOT NULL,
    count           BIGINT NOT NULL,
    at_ms           BIGINT NOT NULL
);
CREATE INDEX pii_findings_call ON pii_findings (call_id);
CREATE INDEX pii_findings_at ON pii_findings (at_ms);

CREATE TABLE consents (
    id              BIGSERIAL PRIMARY KEY,
    call_id         TEXT NOT NULL REFERENCES calls (id),
    at_ms           BIGINT NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('keypad', 'speech')),
    policy_version  TEXT NOT NULL,
    granted         BOOLEAN NOT NULL
);
CREATE INDEX consents_call ON consents (call_id);
CREATE INDEX consents_at ON consents (at_ms);

CREATE TABLE audit_log (
    row_id              BIGSERIAL PRIMARY KEY,
    seq                 BIGINT NOT NULL UNIQUE,
    event_id            TEXT NOT NULL,
    timestamp_ms        BIGINT NOT NULL,
    event_type          TEXT NOT NULL,
    actor               TEXT NOT NULL,
    call_id             TEXT,
    session_id          TEXT,
    source_ip           TEXT,
    user_agent          TEXT,
    resource            TEXT NOT NULL,
    action              TEXT NOT NULL,
    result              TEXT NOT NULL,
    pii_involved        BOOLEAN NOT NULL,
    data_classification TEXT NOT NULL,
    compliance_tags     TEXT NOT NULL,
    risk_score          SMALLINT NOT NULL,
    action_taken        TEXT,
    prev_hash           BYTEA NOT NULL,
    hash                BYTEA NOT NULL,
    mac                 BYTEA NOT NULL
);
CREATE INDEX audit_log_time ON audit_log (timestamp_ms);
CREATE INDEX audit_log_call ON audit_log (call_id);

CREATE TABLE audit_guard (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    allow_delete    BOOLEAN NOT NULL
);
INSERT INTO audit_guard (id, allow_delete) VALUES (1, FALSE);

CREATE FUNCTION audit_log_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'audit_log is append-only';
    END IF;
    IF NOT (SELECT allow_delete FROM audit_guard WHERE id = 1) THEN
        RAISE EXCEPTION 'audit_log entries are removed only by retention';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_guard();

CREATE TABLE audit_anchor (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    seq             BIGINT NOT NULL,
    hash            BYTEA NOT NULL,
    mac             BYTEA NOT NULL
);

CREATE TABLE purge_log (
    id              BIGSERIAL PRIMARY KEY,
    at_ms           BIGINT NOT NULL,
    class           TEXT NOT NULL,
    items           BIGINT NOT NULL,
    calls           BIGINT NOT NULL,
    held_skipped    BIGINT NOT NULL
);
CREATE INDEX purge_log_at ON purge_log (at_ms);
