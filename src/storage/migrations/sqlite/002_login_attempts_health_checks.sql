-- Mentor login attempts not known to have succeeded, per key ('user:<name>', 'ip:<address>').
-- A row is written before the password is checked and removed if it was right, so parallel guesses
-- count exactly as sequential ones; kept in the database so that every instance sees the same counts.
CREATE TABLE login_attempts (
  attempt_id TEXT NOT NULL,
  key TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (attempt_id, key)
);
CREATE INDEX login_attempts_by_key ON login_attempts (key, at);
CREATE INDEX login_attempts_by_at ON login_attempts (at);

-- /healthz commits a write here: proof that the store can write, not only answer.
CREATE TABLE health_checks (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at INTEGER NOT NULL
);
