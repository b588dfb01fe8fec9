-- Ids are text (random UUIDs made by the application; a malformed id in a URL finds nothing instead
-- of failing a cast).

CREATE TABLE conversations (
  id text PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('sms', 'webchat', 'cli')),
  address text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('nb', 'nn', 'en')),
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  snapshot jsonb,
  reference jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX conversations_by_address ON conversations (channel, address);
CREATE INDEX conversations_by_updated_at ON conversations (updated_at);

CREATE TABLE transcript_messages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  direction text NOT NULL CHECK (direction IN ('user', 'bot', 'mentor')),
  text text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX transcript_messages_by_conversation ON transcript_messages (conversation_id, id);

-- No foreign key: a delivery may be recorded after its conversation was erased (SLETT). The rows hold
-- no personal data and are deleted with their conversation or by retention.
CREATE TABLE processed_inbound (
  channel text NOT NULL,
  external_id text NOT NULL,
  conversation_id text NOT NULL,
  reply text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (channel, external_id)
);
CREATE INDEX processed_inbound_by_conversation ON processed_inbound (conversation_id);
CREATE INDEX processed_inbound_by_at ON processed_inbound (at);

-- Keyed by address, not conversation: an opt-out outlives the conversation it was sent in.
CREATE TABLE opt_outs (
  channel text NOT NULL,
  address text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (channel, address)
);

CREATE TABLE mentors (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE mentor_sessions (
  token_hash text PRIMARY KEY,
  mentor_id text NOT NULL REFERENCES mentors (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX mentor_sessions_by_mentor ON mentor_sessions (mentor_id);
CREATE INDEX mentor_sessions_by_expires_at ON mentor_sessions (expires_at);

CREATE TABLE handovers (
  id text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('sms', 'webchat', 'cli')),
  status text NOT NULL CHECK (status IN ('waiting', 'active', 'closed', 'callback')),
  priority integer NOT NULL,
  crisis boolean NOT NULL,
  consent boolean NOT NULL,
  topic text,
  summary text NOT NULL,
  mentor_id text,
  waiting_since timestamptz NOT NULL,
  accepted_at timestamptz,
  closed_at timestamptz,
  outcome text CHECK (outcome IN ('answered', 'referred', 'no_contact', 'other')),
  visible_from_message_id bigint NOT NULL,
  handled_at timestamptz
);
CREATE INDEX handovers_by_conversation ON handovers (conversation_id);
CREATE INDEX handovers_by_queue_order ON handovers (status, priority DESC, waiting_since);

CREATE TABLE timers (
  id text PRIMARY KEY,
  kind text NOT NULL,
  conversation_id text REFERENCES conversations (id) ON DELETE CASCADE,
  due_at timestamptz NOT NULL,
  payload jsonb NOT NULL
);
CREATE INDEX timers_by_due_at ON timers (due_at);
CREATE INDEX timers_by_conversation ON timers (conversation_id, kind);
