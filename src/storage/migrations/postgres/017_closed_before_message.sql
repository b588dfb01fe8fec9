-- The conversation's next transcript id when the handover closed (set on every close): the mentor
-- reads the rows below it and none written after. Ids only grow, so a row written in the same
-- millisecond as the close falls on the right side of it (closed_at cannot tell them apart).
ALTER TABLE handovers ADD COLUMN closed_before_message_id BIGINT;
