-- A topic the person picked from "Mener du …?" after a message the bot was unsure of: a labelled
-- example candidate for staff. Not linked to a conversation or a person: the topic, the dialog state
-- it was picked in and the hour. The message text only where KEEP_UNANSWERED_SAMPLES=true, masked
-- (phone numbers, e-mail addresses, 11-digit numbers) before it is stored.
CREATE TABLE example_candidates (
  id BIGSERIAL PRIMARY KEY,
  topic TEXT NOT NULL,
  dialog_state TEXT NOT NULL,
  hour TIMESTAMPTZ NOT NULL,
  masked_text TEXT
);
CREATE INDEX example_candidates_hour ON example_candidates (hour);
