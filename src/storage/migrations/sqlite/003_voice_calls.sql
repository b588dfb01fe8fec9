-- Calls to the helpline's phone number, counted without the number (the statistics read this).
-- outcome: forwarded (ringing the mentors), answered, unanswered (nobody picked up), message (out of
-- hours). follow_up: what became of the SMS after the message, decided once per call.
CREATE TABLE voice_calls (
  call_sid TEXT PRIMARY KEY,
  started_at INTEGER NOT NULL,
  in_hours INTEGER NOT NULL CHECK (in_hours IN (0, 1)),
  outcome TEXT NOT NULL CHECK (outcome IN ('forwarded', 'answered', 'unanswered', 'message')),
  follow_up TEXT CHECK (follow_up IN ('sent', 'alreadyToday', 'optedOut', 'hidden', 'notMobile', 'noSender'))
);
CREATE INDEX voice_calls_by_started_at ON voice_calls (started_at);

-- The once-a-day rule for the follow-up SMS: hangs off the SMS conversation the SMS started, so the
-- number is kept only where every SMS number is, and SLETT and retention erase the row with it.
-- oslo_day is the Europe/Oslo calendar day, YYYY-MM-DD.
CREATE TABLE voice_follow_ups (
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  oslo_day TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, oslo_day)
);
