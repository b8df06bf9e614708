import { describe, expect, it } from 'vitest';
import { newId } from '../../../platform/ids.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { claimPickupCapacity } from './capacity.ts';

describe('pickup points API', async () => {
  const { app, db } = await testApp();
  const ws = await signUpWorkspace(app, 'Points Co');
  const h = ws.bearer;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: h, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const partner = {
    kind: 'partner',
    code: 'BER-001',
    name: 'Kiez Café',
    partner: { name: 'Kiez Café GmbH', contactName: 'Mia', email: 'mia@kiez.example', phone: '+49 30 555' },
    address: { line1: 'Weserstraße 10', city: 'Berlin', postcode: '12047', country: 'de', region: 'Berlin' },
    lat: 52.4867,
    lng: 13.4337,
    timezone: 'Europe/Berlin',
    hours: {
      mo: [
        { from: '08:00', to: '12:00' },
        { from: '13:00', to: '20:00' },
      ],
      sa: [{ from: '10:00', to: '16:00' }],
    },
    hoursExceptions: [{ date: '2030-12-24', ranges: [{ from: '08:00', to: '12:00' }], note: 'Christmas Eve' }],
    capabilities: ['pickup', 'return_dropoff', 'cash_on_delivery'],
    capacityPerDay: 25,
    fee: { amountMinor: 150, currency: 'eur' },
    instructions: 'Ask at the counter',
  };

  it('creates, reads, updates and lists a partner point', async () => {
    const c = await call('POST', '/api/v1/pickup-points', partner);
    expect(c.statusCode).toBe(201);
    const p = c.json();
    expect(p).toMatchObject({
      kind: 'partner',
      code: 'BER-001',
      partner: { name: 'Kiez Café GmbH', contactName: 'Mia', email: 'mia@kiez.example' },
      address: { country: 'DE', postcode: '12047' },
      capabilities: ['pickup', 'return_dropoff', 'cash_on_delivery'],
      fee: { amountMinor: 150, currency: 'EUR' },
      active: true,
      hoursText: 'Mo 08:00-12:00,13:00-20:00; Sa 10:00-16:00; 2030-12-24 08:00-12:00',
    });
    expect((await call('GET', `/api/v1/pickup-points/${p.id}`)).json()).toEqual(p);

    const u = await call('PATCH', `/api/v1/pickup-points/${p.id}`, {
      hoursText: 'Mo-Fr 09:00-18:00; 2030-12-25 off',
      address: { city: 'Berlin-Neukölln' },
      active: false,
    });
    expect(u.statusCode).toBe(200);
    expect(u.json()).toMatchObject({
      hours: { mo: [{ from: '09:00', to: '18:00' }], fr: [{ from: '09:00', to: '18:00' }] },
      hoursExceptions: [{ date: '2030-12-25', ranges: [] }],
      address: { city: 'Berlin-Neukölln', line1: 'Weserstraße 10', postcode: '12047' },
      active: false,
      partner: { name: 'Kiez Café GmbH' },
    });

    const list = await call('GET', '/api/v1/pickup-points?kind=partner&active=false');
    expect(list.json().data.map((x: { id: string }) => x.id)).toEqual([p.id]);
    expect((await call('GET', '/api/v1/pickup-points?active=true&q=kiez')).json().data).toEqual([]);
  });

  it('defaults the fee currency to the workspace’s and the capabilities to pickup', async () => {
    const r = await call('POST', '/api/v1/pickup-points', {
      kind: 'own',
      name: 'Warehouse counter',
      address: { line1: 'Lagerweg 1', city: 'Köln', country: 'DE' },
      lat: 50.94,
      lng: 6.96,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      fee: { amountMinor: 0, currency: 'EUR' },
      capabilities: ['pickup'],
      hours: {},
      capacityPerDay: null,
    });
  });

  it('refuses bad input naming every field, and writes nothing', async () => {
    const before = (await call('GET', '/api/v1/pickup-points?limit=500')).json().data.length;
    const r = await call('POST', '/api/v1/pickup-points', {
      kind: 'own',
      name: 'Bad',
      address: { line1: 'x', city: 'y', country: 'XX' },
      lat: 91,
      lng: 13,
      hours: {
        mo: [
          { from: '09:00', to: '12:00' },
          { from: '11:00', to: '14:00' },
        ],
      },
      capacityPerDay: -1,
      fee: { amountMinor: 100, currency: 'EURO' },
    });
    expect(r.statusCode).toBe(400);
    const fields = r
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual([
      'body.address.country',
      'body.capacityPerDay',
      'body.fee.currency',
      'body.hours.mo',
      'body.lat',
    ]);

    const partnerless = await call('POST', '/api/v1/pickup-points', { ...partner, code: null, partner: null });
    expect(partnerless.statusCode).toBe(400);
    expect(partnerless.json().errors).toEqual([{ field: 'partner.name', message: expect.stringContaining('partner') }]);
    const carrierless = await call('POST', '/api/v1/pickup-points', { ...partner, code: null, kind: 'carrier' });
    expect(carrierless.json().errors[0].field).toBe('carrier');
    const badHours = await call('POST', '/api/v1/pickup-points', {
      ...partner,
      code: null,
      hours: undefined,
      hoursExceptions: undefined,
      hoursText: 'Mo-Fr 9 to 5',
    });
    expect(badHours.statusCode).toBe(400);
    expect(badHours.json().errors[0]).toMatchObject({
      field: 'hoursText',
      message: expect.stringContaining('Mo-Fr 9 to 5'),
    });
    const taken = await call('POST', '/api/v1/pickup-points', partner);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].field).toBe('code');
    expect((await call('GET', '/api/v1/pickup-points?limit=500')).json().data.length).toBe(before);
  });

  it('paginates by name with a cursor', async () => {
    for (const n of ['P-a', 'P-b', 'P-c', 'P-d', 'P-e'])
      await call('POST', '/api/v1/pickup-points', {
        kind: 'carrier',
        carrier: 'GLS',
        name: n,
        address: { line1: 'x', city: 'Leipzig', country: 'DE' },
        lat: 51.34,
        lng: 12.37,
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await call('GET', `/api/v1/pickup-points?kind=carrier&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.json().data.map((p: { name: string }) => p.name));
      cursor = r.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(['P-a', 'P-b', 'P-c', 'P-d', 'P-e']);
    expect((await call('GET', '/api/v1/pickup-points?cursor=garbage')).statusCode).toBe(400);
  });

  it('shows claimed capacity per day, and refuses to delete a point orders are waiting at', async () => {
    const p = (
      await call('POST', '/api/v1/pickup-points', {
        kind: 'own',
        name: 'Busy shop',
        address: { line1: 'x', city: 'Berlin', country: 'DE' },
        lat: 52.5,
        lng: 13.4,
        capacityPerDay: 3,
      })
    ).json();
    const day = '2099-01-02';
    await db.transaction((tx) =>
      claimPickupCapacity(tx, { workspaceId: ws.workspaceId, pickupPointId: p.id, orderId: newId(), date: day }),
    );
    const cap = await call('GET', `/api/v1/pickup-points/${p.id}/capacity?from=2099-01-01&days=3`);
    expect(cap.json().data).toEqual([
      { date: '2099-01-01', claimed: 0, capacity: 3, left: 3 },
      { date: '2099-01-02', claimed: 1, capacity: 3, left: 2 },
      { date: '2099-01-03', claimed: 0, capacity: 3, left: 3 },
    ]);
    const del = await call('DELETE', `/api/v1/pickup-points/${p.id}`);
    expect(del.statusCode).toBe(409);
    const free = (
      await call('POST', '/api/v1/pickup-points', {
        kind: 'own',
        name: 'Idle shop',
        address: { line1: 'x', city: 'Berlin', country: 'DE' },
        lat: 52.5,
        lng: 13.4,
      })
    ).json();
    expect((await call('DELETE', `/api/v1/pickup-points/${free.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/pickup-points/${free.id}`)).statusCode).toBe(404);
  });
});
