-- When the person took back their consent while waiting for or talking with a mentor:
-- the mentor then reads only what was written after they took over.
ALTER TABLE handovers ADD COLUMN consent_withdrawn_at timestamptz;
