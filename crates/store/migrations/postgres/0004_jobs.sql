-- Durable job queue; see the SQLite migration of the same number for the semantics. Claims on
-- PostgreSQL select the candidate row with `FOR UPDATE SKIP LOCKED` so concurrent workers on
-- several nodes never take the same job.
CREATE TABLE jobs (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL,
    payload          TEXT NOT NULL,
    status           TEXT NOT NULL,
    priority         INTEGER NOT NULL DEFAULT 0,
    attempts         INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL,
    timeout_ms       BIGINT NOT NULL,
    run_at           BIGINT NOT NULL,
    lease_owner      TEXT,
    lease_expires_at BIGINT,
    progress         DOUBLE PRECISION NOT NULL DEFAULT 0,
    stage            TEXT,
    result           TEXT,
    error            TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT
);
CREATE INDEX jobs_ready ON jobs (kind, status, run_at);
CREATE INDEX jobs_lease ON jobs (status, lease_expires_at);
