-- A web chat visitor may leave a Norwegian mobile number to be texted back: kept with the callback
-- only, erased when it closes (the repository), with the conversation (SLETT, retention: cascade).
ALTER TABLE handovers ADD COLUMN contact_phone TEXT;
