import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { textArray } from '../../../platform/db/sql.ts';
import { safeZone } from '../../../platform/time/zones.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import type { TNearestQuery, TNearestResult } from './contracts.ts';
import { isOpenAt, localDate } from './open-at.ts';
import { POINT_COLUMNS, type PointRow, toPickupPoint } from './point-row.ts';
import { findCentroid } from './postcodes.ts';

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;
export const DEFAULT_RADIUS_KM = 50;

/** Great-circle distance by the haversine formula, km. */
export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The straight-line (chord) length on the unit sphere that a great-circle distance spans: what the index compares. */
const chordFor = (km: number) => (km / EARTH_RADIUS_KM >= Math.PI ? 2 : 2 * Math.sin(km / (2 * EARTH_RADIUS_KM)));

type Candidate = PointRow & { claimedOnDay: number };

/**
 * Workspace time zones, kept a minute: the nearest search is the hot path of every checkout, and a zone changed in
 * the settings may take effect a minute late without harm (it only picks "today" and the zone of points with none).
 */
const zoneCache = new Map<string, { zone: string; until: number }>();
async function workspaceZone(db: DbOrTx, workspaceId: string): Promise<string> {
  const hit = zoneCache.get(workspaceId);
  if (hit && hit.until > Date.now()) return hit.zone;
  const zone = safeZone((await getWorkspaceInfo(db, workspaceId))?.timezone);
  if (zoneCache.size > 10_000) zoneCache.clear();
  zoneCache.set(workspaceId, { zone, until: Date.now() + 60_000 });
  return zone;
}

/**
 * The active points nearest to coordinates or to a postcode's centroid, nearest first, within a radius.
 *
 * The database does the geometry: a GiST index on (workspace_id, earth) answers "inside the radius's bounding cube,
 * ordered by distance" as a K-nearest-neighbour scan (docs/adr/0007), with capability, kind and capacity filters
 * applied during the scan. Opening hours are evaluated here (time zones, exceptions, overnight ranges), so with
 * `openAt` the scan is read in growing batches until enough open points are found or the radius is exhausted.
 */
export async function nearestPickupPoints({
  db,
  workspaceId,
  query,
  now = new Date(),
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TNearestQuery;
  now?: Date;
}): Promise<TNearestResult> {
  // The zone and the centroid are independent look-ups: one round trip's wait instead of two.
  const [wsZone, centroid] = await Promise.all([
    workspaceZone(db, workspaceId),
    query.postcode !== undefined && query.country ? findCentroid(db, workspaceId, query.country, query.postcode) : null,
  ]);
  const origin: TNearestResult['origin'] = centroid
    ? {
        lat: centroid.lat,
        lng: centroid.lng,
        postcode: centroid.postcode,
        country: centroid.country,
        placeName: centroid.placeName,
      }
    : { lat: query.lat ?? 0, lng: query.lng ?? 0, postcode: null, country: null, placeName: null };
  const radiusKm = query.radiusKm ?? DEFAULT_RADIUS_KM;
  const at = query.openAt ? new Date(query.openAt) : null;
  const day = query.capacityOn ?? localDate(now, wsZone);

  // Written out (not joined from a CTE) so the planner folds it to a constant.
  const pt = sql`pickup_earth(${origin.lat}::float8, ${origin.lng}::float8)`;
  const caps = query.capability?.length ? textArray(query.capability) : sql`null::text[]`;
  const kinds = query.kind?.length ? textArray(query.kind) : sql`null::text[]`;
  // The scan itself is pickup_nearest_ids (migration 0007): ordered by the GiST index with sorting off for that one
  // statement, so a search is a single round trip.
  const fetch = async (n: number) => {
    const r = await db.execute<Candidate>(sql`
      select ${sql.raw(POINT_COLUMNS)}, k.claimed as "claimedOnDay"
        from pickup_nearest_ids(${workspaceId}::uuid, ${pt}, ${chordFor(radiusKm)}::float8, ${n}::int, ${caps},
                                ${kinds}, ${day}::date, ${query.capacityOn !== undefined}) with ordinality k(id, claimed, ord)
        join pickup_points p on p.workspace_id = ${workspaceId} and p.id = k.id
       order by k.ord`);
    return r.rows;
  };

  const zoneOf = (r: PointRow) => safeZone(r.timezone, wsZone);
  const openOf = (r: PointRow, instant: Date) =>
    isOpenAt({ weekly: r.hours, exceptions: r.hoursExceptions }, instant, zoneOf(r));

  let picked: Candidate[] = [];
  if (!at) {
    picked = await fetch(query.limit);
  } else {
    // Most points are open in shop hours, so one batch of a few times the limit usually suffices; at night the
    // batches grow until the radius runs out.
    for (let n = Math.max(query.limit * 4, 40); ; n *= 4) {
      const rows = await fetch(n);
      picked = rows.filter((r) => openOf(r, at)).slice(0, query.limit);
      if (picked.length >= query.limit || rows.length < n) break;
    }
  }
  return {
    origin,
    radiusKm,
    data: picked.map((r) => ({
      ...toPickupPoint(r),
      distanceKm: Math.round(haversineKm(origin.lat, origin.lng, r.lat, r.lng) * 1000) / 1000,
      openNow: openOf(r, at ?? now),
      capacityLeft: r.capacityPerDay === null ? null : Math.max(0, r.capacityPerDay - r.claimedOnDay),
    })),
  };
}
