-- A mentor's pause after a hard conversation (the wait estimate does not count a paused mentor), and
-- "I need to talk this through" requests for the coordinators. Neither holds anything of a conversation.
CREATE TABLE mentor_pauses (
  mentor_id TEXT PRIMARY KEY REFERENCES mentors (id) ON DELETE CASCADE,
  paused_until INTEGER NOT NULL,
  started_at INTEGER NOT NULL
);

CREATE TABLE support_requests (
  id TEXT PRIMARY KEY,
  mentor_id TEXT NOT NULL REFERENCES mentors (id) ON DELETE CASCADE,
  after_crisis INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  seen_at INTEGER,
  seen_by TEXT
);
CREATE INDEX support_requests_by_created_at ON support_requests (created_at);
