-- Settings a coordinator saves in the browser (issue 13): the opening hours, as JSON. `version` grows
-- with every save, so each instance can tell whether the hours it holds are the latest.
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- A warm transfer's note from one mentor to the next: mentors' text, shown only to mentors, never to
-- the person; erased with the handover's conversation (SLETT, retention).
CREATE TABLE handover_notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  handover_id TEXT NOT NULL REFERENCES handovers (id) ON DELETE CASCADE,
  from_mentor TEXT NOT NULL,
  to_mentor TEXT NOT NULL,
  text TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX handover_notes_by_handover ON handover_notes (handover_id, id);
