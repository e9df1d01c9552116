-- Calls: one row per call session, whatever the transport. Caller identity is stored only as a
-- keyed hash (see the security crate); no transcript text lives here.
CREATE TABLE calls (
    id              TEXT PRIMARY KEY,
    transport       TEXT NOT NULL,
    profile         TEXT,
    caller_hash     TEXT,
    started_at      TEXT NOT NULL,
    ended_at        TEXT,
    end_reason      TEXT,
    legal_hold      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX calls_started_at ON calls (started_at);
CREATE INDEX calls_caller_hash ON calls (caller_hash);
