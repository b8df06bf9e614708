import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { isCountry } from './contracts.ts';
import { normalisePostcode } from './postcodes.ts';
import { headerKey, readRows, sniffDelimiter } from './read-rows.ts';
import type { BatchCommitter, BatchResult } from './run-pickup-import.ts';
import { type pickupImports, pickupPostcodeStaging, type RowError } from './schema.ts';

type Centroid = {
  row: number;
  country: string;
  postcode: string;
  lat: number;
  lng: number;
  placeName: string | null;
  region: string | null;
};
type Item = { row: number; ok: Centroid } | { row: number; errors: RowError[] } | { row: number; skip: true };
type Columns = { country?: number; postcode: number; lat: number; lng: number; placeName?: number; region?: number };

/**
 * GeoNames postal-code dump (https://download.geonames.org/export/zip/, readme.txt there): tab-separated, no header,
 * `country code, postal code, place name, admin name1, admin code1, admin name2, admin code2, admin name3,
 * admin code3, latitude, longitude, accuracy`. Region = admin name1 (the state or region).
 */
const GEONAMES: Columns = { country: 0, postcode: 1, placeName: 2, region: 3, lat: 9, lng: 10 };

const HEADER_NAMES: Record<keyof Columns, string[]> = {
  country: ['country', 'country_code', 'countrycode'],
  postcode: ['postcode', 'postal_code', 'postalcode', 'zip', 'zip_code', 'zipcode', 'plz'],
  lat: ['lat', 'latitude'],
  lng: ['lng', 'lon', 'long', 'longitude'],
  placeName: ['place_name', 'place', 'city', 'town', 'name'],
  region: ['region', 'state', 'admin_name1', 'province', 'county'],
};

function csvColumns(header: string[], fixedCountry: string | null): Columns {
  const keys = header.map(headerKey);
  const find = (k: keyof Columns) => {
    const i = keys.findIndex((h) => HEADER_NAMES[k].includes(h));
    return i < 0 ? undefined : i;
  };
  const cols = {
    country: find('country'),
    postcode: find('postcode'),
    lat: find('lat'),
    lng: find('lng'),
    placeName: find('placeName'),
    region: find('region'),
  };
  const missing = (['postcode', 'lat', 'lng'] as const).filter((k) => cols[k] === undefined);
  if (cols.country === undefined && !fixedCountry) missing.unshift('country' as never);
  if (missing.length)
    throw new AppError(
      'VALIDATION',
      `The header has no column for ${missing.map((k) => `${k} (${HEADER_NAMES[k].join(', ')})`).join('; ')}` +
        `${cols.country === undefined ? '; without a country column, give the country of the import' : ''}. ` +
        `Columns found: ${header.join(', ')}. (A GeoNames .txt dump has no header: import it with the geonames format.)`,
      missing.map((k) => ({ field: k, message: 'column is missing' })),
    );
  return { ...cols, postcode: cols.postcode as number, lat: cols.lat as number, lng: cols.lng as number };
}

function readCentroid(cols: Columns, cells: string[], row: number, fixedCountry: string | null): Item {
  const at = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
  const errors: RowError[] = [];
  const country = (at(cols.country) || fixedCountry || '').toUpperCase();
  if (fixedCountry && country !== fixedCountry) return { row, skip: true };
  if (!isCountry(country))
    errors.push({ row, column: 'country', message: `"${country}" is not an ISO 3166 country code` });
  const postcode = normalisePostcode(at(cols.postcode));
  if (!postcode) errors.push({ row, column: 'postcode', message: 'is required' });
  else if (postcode.length > 20) errors.push({ row, column: 'postcode', message: 'is longer than 20 characters' });
  const coord = (column: 'lat' | 'lng', max: number) => {
    const text = at(cols[column]);
    const n = Number(text.replace(',', '.'));
    if (!text || !Number.isFinite(n) || Math.abs(n) > max) {
      errors.push({
        row,
        column,
        message: text ? `"${text}" is not a ${column === 'lat' ? 'latitude' : 'longitude'}` : 'is required',
      });
      return 0;
    }
    return n;
  };
  const lat = coord('lat', 90);
  const lng = coord('lng', 180);
  if (errors.length) return { row, errors };
  return {
    row,
    ok: { row, country, postcode, lat, lng, placeName: at(cols.placeName) || null, region: at(cols.region) || null },
  };
}

/** Reads the file into the staging table, batch by batch through `commit`. */
export async function importPostcodeRows(opts: {
  imp: typeof pickupImports.$inferSelect;
  batchSize: number;
  commit: BatchCommitter;
}): Promise<'ok' | 'stopped'> {
  const { imp } = opts;
  const geonames = imp.format === 'geonames';
  const src = readRows(imp.storedPath, {
    delimiter: geonames ? '\t' : await sniffDelimiter(imp.storedPath),
    header: !geonames,
    quotes: !geonames,
  });
  try {
    let cols = GEONAMES;
    if (!geonames) {
      const first = await src.records.next();
      if (first.done) throw new AppError('VALIDATION', 'The file is empty.');
      cols = csvColumns(first.value.cells, imp.country);
    }
    let skip = imp.rowsDone;
    let batch: Item[] = [];
    const flush = async (bytes: number) => {
      const items = batch;
      batch = [];
      return opts.commit(bytes, (tx) => stageBatch(tx, imp, items));
    };
    for await (const rec of src.records) {
      if (skip > 0) {
        skip--;
        continue;
      }
      batch.push(
        rec.cells.every((c) => !c.trim())
          ? { row: rec.row, skip: true }
          : readCentroid(cols, rec.cells, rec.row, imp.country),
      );
      if (batch.length >= opts.batchSize && (await flush(src.bytesRead())) === 'stopped') return 'stopped';
    }
    if (batch.length && (await flush(imp.sizeBytes)) === 'stopped') return 'stopped';
    return 'ok';
  } finally {
    src.close();
  }
}

async function stageBatch(tx: Tx, imp: typeof pickupImports.$inferSelect, items: Item[]): Promise<BatchResult> {
  const ok = items.flatMap((i) => ('ok' in i ? [i.ok] : []));
  if (ok.length)
    await tx
      .insert(pickupPostcodeStaging)
      .values(ok.map((c) => ({ workspaceId: imp.workspaceId, importId: imp.id, ...c })))
      .onConflictDoNothing();
  return {
    rows: items.length,
    created: 0,
    updated: 0,
    skipped: items.filter((i) => 'skip' in i).length,
    errors: items.flatMap((i) => ('errors' in i ? i.errors : [])),
  };
}

/**
 * Moves the staged rows into the workspace's postcode table in one transaction, with the import marked done in the
 * same commit. A postcode listed several times (GeoNames lists one row per place sharing it) becomes one centroid:
 * the mean position, the most frequent place and region names. Known postcodes are updated; others are kept.
 */
export async function mergePostcodes(db: Db, imp: typeof pickupImports.$inferSelect): Promise<boolean> {
  return db.transaction(async (tx) => {
    const st = await tx.execute<{ status: string }>(
      sql`select status from pickup_imports where workspace_id = ${imp.workspaceId} and id = ${imp.id} for update`,
    );
    if (st.rows[0]?.status !== 'running') return false;
    const r = await tx.execute<{ created: number; total: number }>(sql`
      with merged as (
      insert into pickup_postcodes (workspace_id, country, postcode, lat, lng, place_name, region)
      select workspace_id, country, postcode, avg(lat), avg(lng),
        mode() within group (order by place_name), mode() within group (order by region)
      from pickup_postcode_staging where workspace_id = ${imp.workspaceId} and import_id = ${imp.id}
      group by workspace_id, country, postcode
      on conflict (workspace_id, country, postcode) do update
        set lat = excluded.lat, lng = excluded.lng, place_name = excluded.place_name, region = excluded.region
      returning (xmax = 0) as inserted)
      select count(*) filter (where inserted)::int as created, count(*)::int as total from merged`);
    const created = r.rows[0]?.created ?? 0;
    const total = r.rows[0]?.total ?? 0;
    await tx.execute(
      sql`delete from pickup_postcode_staging where workspace_id = ${imp.workspaceId} and import_id = ${imp.id}`,
    );
    await tx.execute(sql`
      update pickup_imports set status = 'done', created = ${created}, updated = ${total - created},
        bytes_done = size_bytes, finished_at = now()
      where workspace_id = ${imp.workspaceId} and id = ${imp.id}`);
    return true;
  });
}
