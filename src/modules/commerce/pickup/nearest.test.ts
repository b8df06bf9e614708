import { describe, expect, it } from 'vitest';
import { newId } from '../../../platform/ids.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { claimPickupCapacity } from './capacity.ts';
import { haversineKm } from './nearest-pickup-points.ts';

// Brandenburger Tor, and points around it at known distances.
const ORIGIN = { lat: 52.5163, lng: 13.3777 };
const PLACES = {
  potsdamerPlatz: { lat: 52.5096, lng: 13.376 },
  alexanderplatz: { lat: 52.5219, lng: 13.4132 },
  spandau: { lat: 52.5352, lng: 13.2003 },
  potsdam: { lat: 52.3906, lng: 13.0645 },
  hamburg: { lat: 53.5511, lng: 9.9937 },
};

describe('nearest pickup points', async () => {
  const { app, db } = await testApp();
  const ws = await signUpWorkspace(app, 'Nearest Co');
  const other = await signUpWorkspace(app, 'Elsewhere Co');
  const h = ws.bearer;
  const get = (url: string, headers = h) => app.inject({ url, headers });
  const create = async (payload: Record<string, unknown>, headers = h) => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/pickup-points', headers, payload });
    if (r.statusCode !== 201) throw new Error(r.body);
    return r.json() as { id: string; name: string };
  };
  const base = (name: string, at: { lat: number; lng: number }, over: Record<string, unknown> = {}) => ({
    kind: 'own',
    name,
    address: { line1: `${name} 1`, city: 'Berlin', country: 'DE', region: 'Berlin' },
    ...at,
    timezone: 'Europe/Berlin',
    hoursText: '24/7',
    ...over,
  });

  const potsdamerPlatz = await create(base('Potsdamer Platz', PLACES.potsdamerPlatz, { capacityPerDay: 1 }));
  await create(
    base('Alexanderplatz', PLACES.alexanderplatz, {
      hoursText: 'Mo-Fr 09:00-18:00',
      capabilities: ['pickup', 'return_dropoff'],
    }),
  );
  await create(
    base('Spandau', PLACES.spandau, {
      kind: 'partner',
      partner: { name: 'Spandau Tailors', phone: '+49 30 1234567' },
      capabilities: ['pickup', 'fitting_room'],
      hoursText: 'Mo-Sa 10:00-19:00; 2030-06-05 off',
    }),
  );
  await create(base('Potsdam', PLACES.potsdam, { kind: 'carrier', carrier: 'DHL Packstation' }));
  await create(
    base('Hamburg', PLACES.hamburg, {
      address: { line1: 'Jungfernstieg 1', city: 'Hamburg', country: 'DE', region: 'Hamburg' },
    }),
  );
  await create(base('Switched off', PLACES.potsdamerPlatz, { active: false }));
  // Another workspace's point at the very same spot must never show up.
  await create(base('Secret elsewhere', ORIGIN), other.bearer);

  const names = (r: { json: () => { data: { name: string }[] } }) => r.json().data.map((p) => p.name);
  const near = (q: string) => get(`/api/v1/pickup-points/nearest?lat=${ORIGIN.lat}&lng=${ORIGIN.lng}&${q}`);

  it('orders by distance within the radius and reports the distance in km', async () => {
    const r = await near('radiusKm=5');
    expect(r.statusCode).toBe(200);
    expect(names(r)).toEqual(['Potsdamer Platz', 'Alexanderplatz']);
    const d = r.json().data as { distanceKm: number; lat: number; lng: number }[];
    for (const p of d) expect(p.distanceKm).toBeCloseTo(haversineKm(ORIGIN.lat, ORIGIN.lng, p.lat, p.lng), 2);
    expect(d[0]?.distanceKm).toBeGreaterThan(0.5);
    expect(d[0]?.distanceKm).toBeLessThan(1);

    expect(names(await near('radiusKm=30'))).toEqual(['Potsdamer Platz', 'Alexanderplatz', 'Spandau', 'Potsdam']);
    // The default radius is 50 km: Hamburg (~255 km) only with a wider one.
    expect(names(await near(''))).not.toContain('Hamburg');
    const wide = await near('radiusKm=300');
    expect(names(wide)).toEqual(['Potsdamer Platz', 'Alexanderplatz', 'Spandau', 'Potsdam', 'Hamburg']);
    expect(wide.json().data[4].distanceKm).toBeGreaterThan(250);
    expect(wide.json().data[4].distanceKm).toBeLessThan(260);
    expect(names(await near('radiusKm=300&limit=2'))).toEqual(['Potsdamer Platz', 'Alexanderplatz']);
  });

  it('filters by capability (all of them) and kind (any of them)', async () => {
    expect(names(await near('radiusKm=30&capability=fitting_room'))).toEqual(['Spandau']);
    expect(names(await near('radiusKm=30&capability=pickup,return_dropoff'))).toEqual(['Alexanderplatz']);
    expect(names(await near('radiusKm=30&kind=partner,carrier'))).toEqual(['Spandau', 'Potsdam']);
    const bad = await near('capability=teleport');
    expect(bad.statusCode).toBe(400);
  });

  it('keeps only points open at a time, in their zone, with exceptions', async () => {
    // Wednesday 2030-06-05 08:30 UTC = 10:30 in Berlin (summer time): Alexanderplatz open, Spandau closed that day.
    const wed = await near(`radiusKm=30&openAt=${encodeURIComponent('2030-06-05T08:30:00Z')}`);
    expect(names(wed)).toEqual(['Potsdamer Platz', 'Alexanderplatz', 'Potsdam']);
    expect(wed.json().data.every((p: { openNow: boolean }) => p.openNow)).toBe(true);
    // Thursday 06:30 UTC = 08:30 Berlin: Alexanderplatz not yet open, Spandau not either.
    expect(names(await near('radiusKm=30&openAt=2030-06-06T06:30:00Z'))).toEqual(['Potsdamer Platz', 'Potsdam']);
    // Same instant written with an offset.
    expect(names(await near(`radiusKm=30&openAt=${encodeURIComponent('2030-06-06T08:30:00+02:00')}`))).toEqual([
      'Potsdamer Platz',
      'Potsdam',
    ]);
    // Saturday 12:00 Berlin: Spandau open (Mo-Sa), Alexanderplatz not.
    expect(names(await near('radiusKm=30&openAt=2030-06-08T10:00:00Z&limit=2'))).toEqual([
      'Potsdamer Platz',
      'Spandau',
    ]);
  });

  it('keeps only points with a free slot on a date', async () => {
    const day = '2030-07-01';
    const before = await near(`radiusKm=5&capacityOn=${day}`);
    expect(before.json().data[0]).toMatchObject({ name: 'Potsdamer Platz', capacityLeft: 1 });
    expect(before.json().data[1]).toMatchObject({ name: 'Alexanderplatz', capacityLeft: null });
    await db.transaction((tx) =>
      claimPickupCapacity(tx, {
        workspaceId: ws.workspaceId,
        pickupPointId: potsdamerPlatz.id,
        orderId: newId(),
        date: day,
      }),
    );
    expect(names(await near(`radiusKm=5&capacityOn=${day}`))).toEqual(['Alexanderplatz']);
    expect(names(await near('radiusKm=5&capacityOn=2030-07-02'))).toEqual(['Potsdamer Platz', 'Alexanderplatz']);
  });

  it('searches from a postcode centroid, and names an unknown postcode', async () => {
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/pickup-postcodes',
      headers: h,
      payload: { country: 'de', postcode: '10117', lat: ORIGIN.lat, lng: ORIGIN.lng, placeName: 'Berlin Mitte' },
    });
    expect(put.statusCode).toBe(200);
    const r = await get('/api/v1/pickup-points/nearest?postcode=10117&country=DE&radiusKm=5');
    expect(r.statusCode).toBe(200);
    expect(names(r)).toEqual(['Potsdamer Platz', 'Alexanderplatz']);
    expect(r.json().origin).toMatchObject({ postcode: '10117', country: 'DE', placeName: 'Berlin Mitte' });

    const unknown = await get('/api/v1/pickup-points/nearest?postcode=99999&country=DE');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toContain('"99999"');
    expect(unknown.json().errors).toEqual([{ field: 'postcode', message: expect.stringContaining('99999') }]);
    // Another workspace's postcode table is its own.
    const elsewhere = await get('/api/v1/pickup-points/nearest?postcode=10117&country=DE', other.bearer);
    expect(elsewhere.statusCode).toBe(404);

    const noCountry = await get('/api/v1/pickup-points/nearest?postcode=10117');
    expect(noCountry.statusCode).toBe(400);
    expect(JSON.stringify(noCountry.json().errors)).toContain('country');
    const badCountry = await get('/api/v1/pickup-points/nearest?postcode=10117&country=XX');
    expect(badCountry.statusCode).toBe(400);
    const nothing = await get('/api/v1/pickup-points/nearest');
    expect(nothing.statusCode).toBe(400);
  });

  it('finds GB postcodes by their outward code when only that is known', async () => {
    await app.inject({
      method: 'PUT',
      url: '/api/v1/pickup-postcodes',
      headers: h,
      payload: { country: 'GB', postcode: 'SW1A', lat: 51.501, lng: -0.1416 },
    });
    const r = await get(`/api/v1/pickup-points/nearest?postcode=${encodeURIComponent('sw1a 1aa')}&country=GB`);
    expect(r.statusCode).toBe(200);
    expect(r.json().origin.postcode).toBe('SW1A');
    expect(r.json().data).toEqual([]);
  });

  it('lists active points by region', async () => {
    const r = await get('/api/v1/pickup-points/by-region?country=DE');
    expect(r.statusCode).toBe(200);
    const body = r.json() as { total: number; data: { region: string; count: number; points: { name: string }[] }[] };
    expect(body.data.map((g) => [g.region, g.count])).toEqual([
      ['Berlin', 4],
      ['Hamburg', 1],
    ]);
    expect(body.total).toBe(5);
    expect(body.data[0]?.points.map((p) => p.name)).not.toContain('Switched off');
    const partners = await get('/api/v1/pickup-points/by-region?kind=partner');
    expect(partners.json().data[0].points.map((p: { name: string }) => p.name)).toEqual(['Spandau']);
    const none = await get('/api/v1/pickup-points/by-region?country=FR');
    expect(none.json()).toEqual({ data: [], total: 0 });
  });
});
