-- The nearest-point scan as one statement (docs/adr/0007-nearest-pickup-points.md). The planner estimates "inside the
-- radius's cube" at a fixed 0.1 % of the rows (cube has no statistics), so with one more filter it expects fewer rows
-- than the limit and prefers reading the whole cube and sorting: 45,000 points for a city centre. Sorting is the one
-- thing the K-nearest-neighbour scan never needs, so it is turned off, but only for this statement: a function's SET
-- clause applies while it runs. Before, the caller wrapped the query in BEGIN / SET LOCAL / COMMIT: four round trips
-- for one search. Capacity, capability and kind filters are applied during the scan; opening hours stay in
-- TypeScript (time zones and exceptions). Only ids come back, in scan order; the caller joins the rows it shows.
create or replace function pickup_nearest_ids(
  ws uuid, origin public.cube, chord double precision, n integer,
  caps text[], kinds text[], on_day date, with_capacity boolean
) returns table (id uuid, claimed integer)
  language sql stable
  rows 20
  set enable_sort = off
  as $$
    select p.id, coalesce(d.claimed, 0)::integer
      from public.pickup_points p
      left join public.pickup_capacity_days d
        on d.workspace_id = p.workspace_id and d.pickup_point_id = p.id and d.day = on_day
     where p.workspace_id = ws
       and p.active
       and p.earth operator(public.<@) public.cube_enlarge(origin, chord, 3)
       and (caps is null or p.capabilities @> caps)
       and (kinds is null or p.kind = any(kinds))
       and (not with_capacity or p.capacity_per_day is null or coalesce(d.claimed, 0) < p.capacity_per_day)
     order by p.earth operator(public.<->) origin
     limit n
  $$;
