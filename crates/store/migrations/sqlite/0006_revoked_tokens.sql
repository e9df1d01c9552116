-- Access tokens revoked before their expiry (logout), so that a restart, or another node sharing
-- this database, keeps refusing them. A row is needed only until the token expires: the store
-- prunes expired rows whenever it adds one. Times are Unix seconds.
CREATE TABLE revoked_tokens (
    jti        TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
);
CREATE INDEX revoked_tokens_expires ON revoked_tokens (expires_at);
