-- The first transcript id written after a mentor took over (set when a mentor accepts): once the
-- person takes back their consent, the mentor reads from this id on. Ids only grow, so two rows in
-- the same millisecond fall on the right side of it (a timestamp cannot tell them apart).
ALTER TABLE handovers ADD COLUMN taken_over_from_message_id INTEGER;
