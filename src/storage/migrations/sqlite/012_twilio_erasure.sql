-- Twilio keeps every SMS (body and both numbers) in the account's message log until it is deleted
-- there. twilio_messages remembers the sids of a conversation's messages, in and out, with the media
-- of an MMS; when a conversation goes (SLETT, retention: the cascade), the trigger turns each of its
-- messages into a twilio_erasures job, which the erasure runner deletes at Twilio, retrying with
-- backoff until Twilio confirms (src/channels/sms/twilioErasureRunner.ts).
CREATE TABLE twilio_messages (
  message_sid TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  -- JSON array of media sids (ME...)
  media_sids TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX twilio_messages_by_conversation ON twilio_messages (conversation_id);

-- No foreign key: a job outlives the conversation it came from. Holds Twilio's ids only.
-- due_at 0: due at once. claimed_until: the lease of the instance working on it (NULL: free).
CREATE TABLE twilio_erasures (
  message_sid TEXT PRIMARY KEY,
  media_sids TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_until INTEGER
);
CREATE INDEX twilio_erasures_by_due_at ON twilio_erasures (due_at);

CREATE TRIGGER twilio_messages_to_erase AFTER DELETE ON twilio_messages
BEGIN
  INSERT INTO twilio_erasures (message_sid, media_sids, due_at) VALUES (OLD.message_sid, OLD.media_sids, 0)
    ON CONFLICT (message_sid) DO UPDATE SET due_at = 0;
END;
