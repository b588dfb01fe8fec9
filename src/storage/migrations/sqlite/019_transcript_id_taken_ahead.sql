-- PostgreSQL's transcript id may now be given by the insert that took it ahead (see the PostgreSQL
-- migration of this number). SQLite takes no ids ahead and its INTEGER PRIMARY KEY already accepts a
-- given one: nothing changes here, the number keeps both dialects' migrations in step.
SELECT 1;
