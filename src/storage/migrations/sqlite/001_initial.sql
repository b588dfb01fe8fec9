-- Times are UTC epoch milliseconds; JSON columns hold JSON text; booleans are 0/1.

CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'webchat', 'cli')),
  address TEXT NOT NULL,
  locale TEXT NOT NULL CHECK (locale IN ('nb', 'nn', 'en')),
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  snapshot TEXT,
  reference TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX conversations_by_address ON conversations (channel, address);
CREATE INDEX conversations_by_updated_at ON conversations (updated_at);

CREATE TABLE transcript_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  direction TEXT NOT NULL CHECK (direction IN ('user', 'bot', 'mentor')),
  text TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX transcript_messages_by_conversation ON transcript_messages (conversation_id, id);

-- No foreign key: a delivery may be recorded after its conversation was erased (SLETT). The rows hold
-- no personal data and are deleted with their conversation or by retention.
CREATE TABLE processed_inbound (
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  reply TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (channel, external_id)
);
CREATE INDEX processed_inbound_by_conversation ON processed_inbound (conversation_id);
CREATE INDEX processed_inbound_by_at ON processed_inbound (at);

-- Keyed by address, not conversation: an opt-out outlives the conversation it was sent in.
CREATE TABLE opt_outs (
  channel TEXT NOT NULL,
  address TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (channel, address)
);

CREATE TABLE mentors (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE mentor_sessions (
  token_hash TEXT PRIMARY KEY,
  mentor_id TEXT NOT NULL REFERENCES mentors (id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX mentor_sessions_by_mentor ON mentor_sessions (mentor_id);
CREATE INDEX mentor_sessions_by_expires_at ON mentor_sessions (expires_at);

CREATE TABLE handovers (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'webchat', 'cli')),
  status TEXT NOT NULL CHECK (status IN ('waiting', 'active', 'closed', 'callback')),
  priority INTEGER NOT NULL,
  crisis INTEGER NOT NULL CHECK (crisis IN (0, 1)),
  consent INTEGER NOT NULL CHECK (consent IN (0, 1)),
  topic TEXT,
  summary TEXT NOT NULL,
  mentor_id TEXT,
  waiting_since INTEGER NOT NULL,
  accepted_at INTEGER,
  closed_at INTEGER,
  outcome TEXT CHECK (outcome IN ('answered', 'referred', 'no_contact', 'other')),
  visible_from_message_id INTEGER NOT NULL,
  handled_at INTEGER
);
CREATE INDEX handovers_by_conversation ON handovers (conversation_id);
CREATE INDEX handovers_by_queue_order ON handovers (status, priority DESC, waiting_since);

CREATE TABLE timers (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  conversation_id TEXT REFERENCES conversations (id) ON DELETE CASCADE,
  due_at INTEGER NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX timers_by_due_at ON timers (due_at);
CREATE INDEX timers_by_conversation ON timers (conversation_id, kind);
