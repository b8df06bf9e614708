-- Pickup points: the nearest-point index (docs/adr/0007-nearest-pickup-points.md). `cube` gives a GiST-indexable
-- 3-D point with KNN ordering (`<->`); `btree_gist` lets the same GiST index lead with workspace_id (uuid). Both are
-- trusted contrib extensions shipped with embedded-postgres and with distribution packages of PostgreSQL >= 15.
create extension if not exists cube;--> statement-breakpoint
create extension if not exists btree_gist;--> statement-breakpoint
-- A position on the unit sphere. Not earthdistance's ll_to_earth: before its 1.2 version (PostgreSQL 17) that calls
-- earth() unqualified, which breaks expression indexes under the restricted search_path of maintenance and restore.
-- Every name here is qualified, so it is safe as IMMUTABLE in a generated column and an index.
create or replace function pickup_earth(lat double precision, lng double precision) returns public.cube
  language sql immutable parallel safe strict
  as $$ select public.cube(array[
    pg_catalog.cos(pg_catalog.radians(lat)) * pg_catalog.cos(pg_catalog.radians(lng)),
    pg_catalog.cos(pg_catalog.radians(lat)) * pg_catalog.sin(pg_catalog.radians(lng)),
    pg_catalog.sin(pg_catalog.radians(lat))
  ]::double precision[]) $$;
