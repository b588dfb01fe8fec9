-- Roles and the state of an account (issue 13). Every existing account becomes a mentor.
-- must_change_password: set for a one-time password a coordinator made; the login then asks for a new one.
-- last_login_at: shown to coordinators; the time of the last successful login, nothing else.
ALTER TABLE mentors ADD COLUMN role TEXT NOT NULL DEFAULT 'mentor' CHECK (role IN ('mentor', 'coordinator'));
ALTER TABLE mentors ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
ALTER TABLE mentors ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
ALTER TABLE mentors ADD COLUMN last_login_at INTEGER;
