-- Durable job queue (post-call analysis and other background work). Times are Unix
-- milliseconds (portable integer arithmetic for leases and backoff). A running job holds a lease
-- (lease_owner, lease_expires_at) renewed by heartbeats; a job whose lease expired is reclaimed
-- by the next claim, so a worker killed mid-job (kill -9) loses nothing but the attempt.
CREATE TABLE jobs (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL,
    payload          TEXT NOT NULL,
    status           TEXT NOT NULL,
    priority         INTEGER NOT NULL DEFAULT 0,
    attempts         INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL,
    timeout_ms       INTEGER NOT NULL,
    run_at           INTEGER NOT NULL,
    lease_owner      TEXT,
    lease_expires_at INTEGER,
    progress         REAL NOT NULL DEFAULT 0,
    stage            TEXT,
    result           TEXT,
    error            TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER
);
CREATE INDEX jobs_ready ON jobs (kind, status, run_at);
CREATE INDEX jobs_lease ON jobs (status, lease_expires_at);
