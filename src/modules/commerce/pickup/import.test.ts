import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { runPickupImport } from './run-pickup-import.ts';

const multipart = (fields: Record<string, string>, file: { name: string; body: string }) => {
  const boundary = 'x-pickup-import';
  const parts = Object.entries(fields).flatMap(([k, v]) => [
    `--${boundary}`,
    `Content-Disposition: form-data; name="${k}"`,
    '',
    v,
  ]);
  const body = [
    ...parts,
    `--${boundary}`,
    `Content-Disposition: form-data; name="file"; filename="${file.name}"`,
    'Content-Type: text/csv',
    '',
    file.body,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { body, type: `multipart/form-data; boundary=${boundary}` };
};

const POINTS = [
  'Code;Kind;Name;Partner name;Address;City;Region;Postcode;Country;Lat;Lng;Opening hours;Exceptions;Capabilities;Capacity;Fee;Currency;Active',
  'BER-1;partner;Kiez Café;Kiez GmbH;Weserstr. 10;Berlin;Berlin;12047;DE;52.4867;13.4337;"Mo-Fr 08:00-20:00; Sa 10:00-16:00";2030-12-25 off;pickup, returns, cod;20;1,50;EUR;yes',
  'BER-2;own;Mitte shop;;Torstr. 1;Berlin;Berlin;10119;DE;52.5297;13.4015;Mo-Sa 10:00-19:00;;pickup|fitting;;0;;',
  'BER-3;own;No coordinates;;Am Markt 1;Berlin;Berlin;10178;DE;;13.40;Mo-Fr 9-18;;teleport;ten;2.999;EUR;maybe',
  'BER-1;own;Duplicate code;;Else 1;Berlin;;;DE;52.5;13.4;;;;;;;',
  ';partner;Partnerless;;Somewhere 2;Hamburg;Hamburg;;DE;53.55;9.99;;;;;;;',
  ';;;;;;;;;;;;;;;;;',
  'HAM-1;carrier;Packstation 101;;Jungfernstieg 1;Hamburg;Hamburg;20354;XX;53.55;9.99;24/7;;;;;;',
].join('\n');

describe('pickup imports', async () => {
  const { app, db, config } = await testApp();
  const ws = await signUpWorkspace(app, 'Import Co');
  const h = ws.bearer;
  const upload = async (fields: Record<string, string>, name: string, body: string) => {
    const m = multipart(fields, { name, body });
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/pickup-imports',
      headers: { ...h, 'content-type': m.type },
      payload: m.body,
    });
    if (r.statusCode !== 202) throw new Error(r.body);
    return r.json() as { id: string; status: string };
  };
  const run = (id: string, batchSize?: number, afterCommit?: (n: number) => void) =>
    runPickupImport({
      db,
      workspaceId: ws.workspaceId,
      importId: id,
      ...(batchSize ? { batchSize } : {}),
      ...(afterCommit ? { afterCommit } : {}),
    });
  const points = async () =>
    (await app.inject({ url: '/api/v1/pickup-points?limit=500', headers: h })).json().data as {
      code: string | null;
      name: string;
      hoursText: string;
      capabilities: string[];
      fee: { amountMinor: number };
      capacityPerDay: number | null;
      active: boolean;
      partner: { name: string } | null;
    }[];

  it('imports good rows, rejects bad ones naming row and column, and queues a job', async () => {
    const imp = await upload({ kind: 'points' }, 'points.csv', POINTS);
    expect(imp.status).toBe('queued');
    const queued = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
          where t.identifier = 'commerce.pickup.import'`,
    );
    expect(queued.rows[0]?.n).toBe(1);

    const done = await run(imp.id);
    expect(done).toMatchObject({ status: 'done', created: 2, updated: 0, rejected: 4, rowsDone: 7 });
    const errs = done.errors.map((e) => `${e.row}:${e.column}`);
    expect(errs).toEqual(
      expect.arrayContaining([
        '4:lat',
        '4:opening_hours',
        '4:capabilities',
        '4:capacity',
        '4:fee',
        '4:active',
        '5:code',
        '6:partner_name',
        '8:country',
      ]),
    );
    expect(done.errors.find((e) => e.row === 4 && e.column === 'fee')?.message).toContain('2.999');
    expect(done.errors.find((e) => e.row === 5)?.message).toContain('row 2');
    const got = await points();
    expect(got.map((p) => p.code).sort()).toEqual(['BER-1', 'BER-2']);
    const kiez = got.find((p) => p.code === 'BER-1');
    expect(kiez).toMatchObject({
      name: 'Kiez Café',
      partner: { name: 'Kiez GmbH' },
      hoursText: 'Mo-Fr 08:00-20:00; Sa 10:00-16:00; 2030-12-25 off',
      capabilities: ['pickup', 'return_dropoff', 'cash_on_delivery'],
      fee: { amountMinor: 150 },
      capacityPerDay: 20,
      active: true,
    });
    expect(got.find((p) => p.code === 'BER-2')?.capabilities).toEqual(['pickup', 'fitting_room']);

    const view = await app.inject({ url: `/api/v1/pickup-imports/${imp.id}`, headers: h });
    expect(view.json()).toMatchObject({ status: 'done', rejected: 4, bytesDone: view.json().sizeBytes });
  });

  it('updates points by code when the file is imported again', async () => {
    const again = POINTS.replace('Kiez Café;', 'Kiez Café (new name);');
    const imp = await upload({}, 'points-again.csv', again);
    const done = await run(imp.id);
    expect(done).toMatchObject({ status: 'done', created: 0, updated: 2, rejected: 4 });
    const got = await points();
    expect(got.filter((p) => p.code === 'BER-1').map((p) => p.name)).toEqual(['Kiez Café (new name)']);
    expect(got).toHaveLength(2);
  });

  it('fails a file without the required columns, naming them, and writes nothing', async () => {
    const before = (await points()).length;
    const imp = await upload({}, 'bad.csv', 'name,city\nA,B\n');
    const done = await run(imp.id);
    expect(done.status).toBe('failed');
    expect(done.error).toContain('address_line1');
    expect(done.error).toContain('lat (or latitude)');
    expect((await points()).length).toBe(before);
  });

  it('resumes after a crash between batches without writing a row twice', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => `R-${i},own,Resume ${i},Street ${i},Dresden,DE,51.05,13.7${i}`);
    const csv = ['code,kind,name,address,city,country,lat,lng', ...rows].join('\n');
    const imp = await upload({}, 'resume.csv', csv);
    await expect(
      run(imp.id, 2, (n) => {
        if (n === 2) throw new Error('worker killed');
      }),
    ).rejects.toThrow('worker killed');
    const mid = (await app.inject({ url: `/api/v1/pickup-imports/${imp.id}`, headers: h })).json();
    expect(mid).toMatchObject({ status: 'failed', rowsDone: 4, created: 4 });
    const done = await run(imp.id, 2);
    expect(done).toMatchObject({ status: 'done', rowsDone: 7, created: 7, rejected: 0 });
    expect((await points()).filter((p) => p.name.startsWith('Resume'))).toHaveLength(7);
    // Running a finished import again changes nothing.
    expect(await run(imp.id)).toMatchObject({ status: 'done', created: 7 });
  });

  it('imports a GeoNames postal-code dump for one country, averaging a postcode shared by several places', async () => {
    const tsv = [
      ['DE', '10117', 'Berlin', 'Berlin', 'BE', '', '00', 'Berlin, Stadt', '11000', '52.5170', '13.3889', '4'],
      [
        'DE',
        '01067',
        'Dresden',
        'Sachsen',
        'SN',
        'Dresden',
        '146',
        'Dresden, Stadt',
        '14612',
        '51.0600',
        '13.7300',
        '4',
      ],
      ['DE', '01067', 'Dresden "Altstadt"', 'Sachsen', 'SN', '', '', '', '', '51.0800', '13.7500', '4'],
      ['AT', '1010', 'Wien', 'Wien', '09', '', '', '', '', '48.2077', '16.3705', '4'],
      ['DE', '99998', 'Nowhere', 'Thüringen', 'TH', '', '', '', '', 'north', '10.5', '4'],
    ]
      .map((r) => r.join('\t'))
      .join('\n');
    const imp = await upload({ kind: 'postcodes', country: 'DE' }, 'DE.txt', tsv);
    const done = await run(imp.id);
    expect(done).toMatchObject({ status: 'done', format: 'geonames', created: 2, skipped: 1, rejected: 1 });
    expect(done.errors).toEqual([{ row: 5, column: 'lat', message: '"north" is not a latitude' }]);
    const list = (await app.inject({ url: '/api/v1/pickup-postcodes?country=DE', headers: h })).json().data;
    expect(list).toEqual([
      { country: 'DE', postcode: '01067', lat: 51.07, lng: 13.74, placeName: 'Dresden', region: 'Sachsen' },
      { country: 'DE', postcode: '10117', lat: 52.517, lng: 13.3889, placeName: 'Berlin', region: 'Berlin' },
    ]);
    const staged = await db.execute<{ n: number }>(sql`select count(*)::int as n from pickup_postcode_staging`);
    expect(staged.rows[0]?.n).toBe(0);
    const near = await app.inject({
      url: '/api/v1/pickup-points/nearest?postcode=01067&country=DE&radiusKm=10',
      headers: h,
    });
    expect(near.json().data.map((p: { name: string }) => p.name)).toContain('Resume 0');
  });

  it('imports a plain postcode CSV and updates known postcodes', async () => {
    const csv = 'postcode,latitude,longitude,place\n10117,52.52,13.39,Mitte\nAB,95,13,Bad\n';
    const imp = await upload({ kind: 'postcodes', country: 'DE' }, 'de.csv', csv);
    const done = await run(imp.id);
    expect(done).toMatchObject({ status: 'done', format: 'csv', created: 0, updated: 1, rejected: 1 });
    expect(done.errors).toEqual([{ row: 3, column: 'lat', message: '"95" is not a latitude' }]);
    const noCountry = await upload({ kind: 'postcodes' }, 'x.csv', 'postcode,lat,lng\n1,2,3\n');
    const failed = await run(noCountry.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('country');
    const counts = await app.inject({ url: '/api/v1/pickup-postcodes/countries', headers: h });
    expect(counts.json().data).toEqual([{ country: 'DE', count: 2 }]);
  });

  it('refuses an upload that is not multipart or names an unknown country', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/pickup-imports', headers: h, payload: { file: 'x' } });
    expect(r.statusCode).toBe(415);
    const m = multipart({ kind: 'postcodes', country: 'XX' }, { name: 'x.csv', body: 'a' });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/pickup-imports',
      headers: { ...h, 'content-type': m.type },
      payload: m.body,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('country');
    expect(config.dataDir).toBeTruthy();
  });
});
