-- A worrying message (a warning sign, no clear crisis) written while a handover was open, marked for
-- the mentor: with a mentor the bot stays quiet, so the console is where it is seen.
ALTER TABLE transcript_messages ADD COLUMN concern BOOLEAN NOT NULL DEFAULT FALSE;
