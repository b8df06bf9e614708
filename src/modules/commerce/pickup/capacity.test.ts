import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { testDatabase } from '../../../platform/testing.ts';
import { claimPickupCapacity, releasePickupCapacity } from './capacity.ts';
import { getPickupPointSummary } from './get-pickup-point.ts';
import { makePoint, makeWorkspace } from './test-helpers.ts';
import { updatePickupPoint } from './update-pickup-point.ts';

describe('pickup capacity', async () => {
  const { db } = await testDatabase();
  const ws = await makeWorkspace(db);
  const day = '2030-03-04';

  const claim = (pickupPointId: string, orderId: string, date = day) =>
    db.transaction((tx) => claimPickupCapacity(tx, { workspaceId: ws, pickupPointId, orderId, date }));
  const claimedOn = async (pointId: string, date = day) =>
    (
      await db.execute<{ n: number }>(
        sql`select coalesce((select claimed from pickup_capacity_days where workspace_id = ${ws}
          and pickup_point_id = ${pointId} and day = ${date}::date), 0) as n`,
      )
    ).rows[0]?.n;

  it('lets exactly `capacity` of many parallel claims for the last slots through', async () => {
    const p = await makePoint(db, ws, { capacityPerDay: 5 });
    const results = await Promise.allSettled(Array.from({ length: 24 }, () => claim(p.id, newId())));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(5);
    expect(failed).toHaveLength(19);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(AppError);
      expect((f.reason as AppError).code).toBe('CONFLICT');
      expect((f.reason as AppError).fields[0]?.field).toBe('pickupPointId');
    }
    expect(await claimedOn(p.id)).toBe(5);
    const claims = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from pickup_capacity_claims where workspace_id = ${ws} and pickup_point_id = ${p.id}`,
    );
    expect(claims.rows[0]?.n).toBe(5);
  });

  it('is idempotent per order, moves a claim to another day, and releases it', async () => {
    const p = await makePoint(db, ws, { capacityPerDay: 2 });
    const order = newId();
    const a = await claim(p.id, order);
    const again = await claim(p.id, order);
    expect(a).toMatchObject({ claimed: 1, capacity: 2 });
    expect(again).toMatchObject({ claimed: 1 });
    expect(await claimedOn(p.id)).toBe(1);
    // Repeated in parallel: still one claim.
    await Promise.all([claim(p.id, order), claim(p.id, order), claim(p.id, order)]);
    expect(await claimedOn(p.id)).toBe(1);

    await claim(p.id, order, '2030-03-05');
    expect(await claimedOn(p.id)).toBe(0);
    expect(await claimedOn(p.id, '2030-03-05')).toBe(1);

    const released = await db.transaction((tx) => releasePickupCapacity(tx, { workspaceId: ws, orderId: order }));
    expect(released).toEqual({ pickupPointId: p.id, date: '2030-03-05' });
    expect(await claimedOn(p.id, '2030-03-05')).toBe(0);
    expect(await db.transaction((tx) => releasePickupCapacity(tx, { workspaceId: ws, orderId: order }))).toBeNull();
  });

  it('leaves an order on its old day when the new day is full', async () => {
    const p = await makePoint(db, ws, { capacityPerDay: 1 });
    const first = newId();
    const second = newId();
    await claim(p.id, first, '2030-04-01');
    await claim(p.id, second, '2030-04-02');
    await expect(claim(p.id, second, '2030-04-01')).rejects.toMatchObject({ code: 'CONFLICT' });
    // Caught inside one transaction, the failed move changes nothing either.
    await db.transaction(async (tx) => {
      await expect(
        claimPickupCapacity(tx, { workspaceId: ws, pickupPointId: p.id, orderId: second, date: '2030-04-01' }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    });
    expect(await claimedOn(p.id, '2030-04-01')).toBe(1);
    expect(await claimedOn(p.id, '2030-04-02')).toBe(1);
  });

  it('takes any number without a capacity, refuses inactive and unknown points and bad dates', async () => {
    const open = await makePoint(db, ws, { capacityPerDay: null });
    for (let i = 0; i < 7; i++) await claim(open.id, newId());
    expect(await claimedOn(open.id)).toBe(7);

    const closed = await makePoint(db, ws, { active: false, name: 'Closed corner' });
    await expect(claim(closed.id, newId())).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ field: 'pickupPointId' }],
    });
    await expect(claim(newId(), newId())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(claim(open.id, newId(), '2030-02-30')).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ field: 'date' }],
    });
    const zero = await makePoint(db, ws, { capacityPerDay: 0 });
    await expect(claim(zero.id, newId())).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('does not see another workspace’s points', async () => {
    const other = await makeWorkspace(db, 'Other');
    const p = await makePoint(db, ws, { capacityPerDay: 3 });
    await expect(
      db.transaction((tx) =>
        claimPickupCapacity(tx, { workspaceId: other, pickupPointId: p.id, orderId: newId(), date: day }),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await getPickupPointSummary(db, other, p.id)).toBeNull();
  });

  it('summarises a point for an order', async () => {
    const p = await makePoint(db, ws, {
      name: 'Summary shop',
      address: { line1: 'A 1', line2: 'Hof', city: 'Berlin', postcode: '10115', country: 'DE' },
    });
    expect(await getPickupPointSummary(db, ws, p.id)).toEqual({
      id: p.id,
      name: 'Summary shop',
      kind: 'own',
      address: 'A 1, Hof',
      city: 'Berlin',
      postcode: '10115',
      country: 'DE',
      lat: 52.5297,
      lng: 13.4015,
    });
    expect(await getPickupPointSummary(db, ws, 'not-a-uuid')).toBeNull();
    // Deactivated points still summarise (an order placed earlier keeps showing where to collect).
    await updatePickupPoint({ db, workspaceId: ws, id: p.id, input: { active: false } });
    expect((await getPickupPointSummary(db, ws, p.id))?.name).toBe('Summary shop');
  });
});
