-- Roles and the state of an account (issue 13). Every existing account becomes a mentor.
-- must_change_password: set for a one-time password a coordinator made; the login then asks for a new one.
-- last_login_at: shown to coordinators; the time of the last successful login, nothing else.
ALTER TABLE mentors ADD COLUMN role text NOT NULL DEFAULT 'mentor' CHECK (role IN ('mentor', 'coordinator'));
ALTER TABLE mentors ADD COLUMN disabled boolean NOT NULL DEFAULT false;
ALTER TABLE mentors ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE mentors ADD COLUMN last_login_at timestamptz;
