-- The person's message that set off the crisis answer, marked for the mentor who reads the transcript.
ALTER TABLE transcript_messages ADD COLUMN crisis INTEGER NOT NULL DEFAULT 0 CHECK (crisis IN (0, 1));
