-- Anonymous statistics, written at the time of the event: a count per UTC hour, metric and
-- dimension (a channel, a topic id, a dialog state, a wait bucket, an answer 1-5). No conversation
-- id, no phone number, no text, no time finer than the hour: SLETT and retention leave it, and
-- nothing in it leads back to a person. Every instance adds into the same rows (an upsert).
CREATE TABLE statistics_counters (
  hour_start timestamptz NOT NULL,
  metric text NOT NULL,
  dimension text NOT NULL,
  value bigint NOT NULL,
  PRIMARY KEY (hour_start, metric, dimension)
);

-- Texts the bot did not understand, masked, kept only with KEEP_UNANSWERED_SAMPLES=true and for at
-- most RETENTION_DAYS. No conversation id: they cannot be traced to a person, nor erased by one.
CREATE TABLE unanswered_samples (
  id bigserial PRIMARY KEY,
  received_hour timestamptz NOT NULL,
  locale text NOT NULL,
  dialog_state text NOT NULL,
  text text NOT NULL
);
CREATE INDEX unanswered_samples_by_hour ON unanswered_samples (received_hour);

-- Who among the staff did what, and when (never message text). A conversation is referred to by its
-- handover, and the reference goes when SLETT or retention deletes the handover (ON DELETE SET NULL):
-- the row stays, saying that a conversation since deleted was read, accepted or closed.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  handover_id text REFERENCES handovers (id) ON DELETE SET NULL
);
CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE INDEX audit_log_by_handover ON audit_log (handover_id);
