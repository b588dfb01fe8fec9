-- Anonymous statistics, written at the time of the event: a count per UTC hour, metric and
-- dimension (a channel, a topic id, a dialog state, a wait bucket, an answer 1-5). No conversation
-- id, no phone number, no text, no time finer than the hour: SLETT and retention leave it, and
-- nothing in it leads back to a person. hour_start: UTC epoch milliseconds of the hour.
CREATE TABLE statistics_counters (
  hour_start INTEGER NOT NULL,
  metric TEXT NOT NULL,
  dimension TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (hour_start, metric, dimension)
);

-- Texts the bot did not understand, masked, kept only with KEEP_UNANSWERED_SAMPLES=true and for at
-- most RETENTION_DAYS. No conversation id: they cannot be traced to a person, nor erased by one.
-- received_hour: UTC epoch milliseconds of the hour the message came.
CREATE TABLE unanswered_samples (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  received_hour INTEGER NOT NULL,
  locale TEXT NOT NULL,
  dialog_state TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX unanswered_samples_by_hour ON unanswered_samples (received_hour);

-- Who among the staff did what, and when (never message text). A conversation is referred to by its
-- handover, and the reference goes when SLETT or retention deletes the handover (ON DELETE SET NULL):
-- the row stays, saying that a conversation since deleted was read, accepted or closed.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  handover_id TEXT REFERENCES handovers (id) ON DELETE SET NULL
);
CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE INDEX audit_log_by_handover ON audit_log (handover_id);
