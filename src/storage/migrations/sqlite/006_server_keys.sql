-- Keys the server makes for itself on first use (the web chat's resume tokens are signed with one).
-- In the database, so that every instance and every restart signs and checks with the same key.
CREATE TABLE server_keys (
  name TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
