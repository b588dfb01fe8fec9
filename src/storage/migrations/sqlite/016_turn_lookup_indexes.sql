-- Every turn looks up the newest conversation of an address and the newest open handover of a
-- conversation. Indexes in the order those lookups sort let the database read the first row of the
-- index instead of sorting every match in a temporary b-tree; they replace the two older indexes
-- they start with.
CREATE INDEX conversations_by_address_newest ON conversations (channel, address_hash, updated_at, created_at);
DROP INDEX conversations_by_address;
CREATE INDEX handovers_by_conversation_newest ON handovers (conversation_id, waiting_since);
DROP INDEX handovers_by_conversation;
