-- Settings a coordinator saves in the browser (issue 13): the opening hours, as JSON. `version` grows
-- with every save, so each instance can tell whether the hours it holds are the latest.
CREATE TABLE settings (
  name text PRIMARY KEY,
  value text NOT NULL,
  version integer NOT NULL,
  updated_at timestamptz NOT NULL
);

-- A warm transfer's note from one mentor to the next: mentors' text, shown only to mentors, never to
-- the person; erased with the handover's conversation (SLETT, retention).
CREATE TABLE handover_notes (
  id bigserial PRIMARY KEY,
  handover_id text NOT NULL REFERENCES handovers (id) ON DELETE CASCADE,
  from_mentor text NOT NULL,
  to_mentor text NOT NULL,
  text text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX handover_notes_by_handover ON handover_notes (handover_id, id);
