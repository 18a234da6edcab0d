-- Extensions of the suite's database, created by the superuser: pg_trgm for
-- Odoo's trigram indexes, unaccent for accent-insensitive search. unaccent is
-- marked IMMUTABLE (as Odoo does when it can) so that indexes may use it; its
-- rules do not change during the life of a database.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
ALTER FUNCTION unaccent(text) IMMUTABLE;
