-- A mentor's pause after a hard conversation (the wait estimate does not count a paused mentor), and
-- "I need to talk this through" requests for the coordinators. Neither holds anything of a conversation.
CREATE TABLE mentor_pauses (
  mentor_id text PRIMARY KEY REFERENCES mentors (id) ON DELETE CASCADE,
  paused_until timestamptz NOT NULL,
  started_at timestamptz NOT NULL
);

CREATE TABLE support_requests (
  id text PRIMARY KEY,
  mentor_id text NOT NULL REFERENCES mentors (id) ON DELETE CASCADE,
  after_crisis boolean NOT NULL,
  created_at timestamptz NOT NULL,
  seen_at timestamptz,
  seen_by text
);
CREATE INDEX support_requests_by_created_at ON support_requests (created_at);
