-- A consent question that got no usable answer (silence, twice unclear) is stored as method
-- 'no_answer' with granted = 0. SQLite cannot alter a CHECK constraint: rebuild the table.
CREATE TABLE consents_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id         TEXT NOT NULL REFERENCES calls (id),
    at_ms           INTEGER NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('keypad', 'speech', 'no_answer')),
    policy_version  TEXT NOT NULL,
    granted         INTEGER NOT NULL CHECK (granted IN (0, 1))
);
INSERT INTO consents_new (id, call_id, at_ms, method, policy_version, granted)
    SELECT id, call_id, at_ms, method, policy_version, granted FROM consents;
DROP TABLE consents;
ALTER TABLE consents_new RENAME TO consents;
CREATE INDEX consents_call ON consents (call_id);
