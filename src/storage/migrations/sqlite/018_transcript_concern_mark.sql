-- A worrying message (a warning sign, no clear crisis) written while a handover was open, marked for
-- the mentor: with a mentor the bot stays quiet, so the console is where it is seen.
ALTER TABLE transcript_messages ADD COLUMN concern INTEGER NOT NULL DEFAULT 0 CHECK (concern IN (0, 1));
