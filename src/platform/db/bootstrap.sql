-- Idempotent set-up applied before the Drizzle migrations: extensions and the immutable helpers that generated
-- columns and expression indexes need. PostgreSQL >= 15; contrib extensions ship with embedded-postgres too.
create extension if not exists pg_trgm;
create extension if not exists unaccent;
create extension if not exists citext;

-- unaccent() is STABLE (it depends on a dictionary that could change), so it cannot appear in a generated column or
-- an index expression. Pinning the dictionary makes this wrapper safe to declare IMMUTABLE (the well-known pattern).
create or replace function f_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- array_to_string() is STABLE for anyarray; for text[] it cannot change, so this wrapper is IMMUTABLE and usable in
-- the search columns.
create or replace function f_join(text[]) returns text
  language sql immutable parallel safe strict
  as $$ select array_to_string($1, ' ') $$;
