-- Twilio keeps every SMS (body and both numbers) in the account's message log until it is deleted
-- there. twilio_messages remembers the sids of a conversation's messages, in and out, with the media
-- of an MMS; when a conversation goes (SLETT, retention: the cascade), the trigger turns each of its
-- messages into a twilio_erasures job, which the erasure runner deletes at Twilio, retrying with
-- backoff until Twilio confirms (src/channels/sms/twilioErasureRunner.ts).
CREATE TABLE twilio_messages (
  message_sid text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  media_sids jsonb NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX twilio_messages_by_conversation ON twilio_messages (conversation_id);

-- No foreign key: a job outlives the conversation it came from. Holds Twilio's ids only.
-- due_at 'epoch': due at once. claimed_until: the lease of the instance working on it (NULL: free).
CREATE TABLE twilio_erasures (
  message_sid text PRIMARY KEY,
  media_sids jsonb NOT NULL,
  due_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  claimed_until timestamptz
);
CREATE INDEX twilio_erasures_by_due_at ON twilio_erasures (due_at);

CREATE FUNCTION twilio_message_to_erase() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO twilio_erasures (message_sid, media_sids, due_at) VALUES (OLD.message_sid, OLD.media_sids, 'epoch')
    ON CONFLICT (message_sid) DO UPDATE SET due_at = 'epoch';
  RETURN OLD;
END;
$$;

CREATE TRIGGER twilio_messages_to_erase AFTER DELETE ON twilio_messages
  FOR EACH ROW EXECUTE FUNCTION twilio_message_to_erase();
