// Test-only helpers for the pickup tests: a workspace and points made directly through the use cases.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../platform/db/client.ts';
import { createUser, createWorkspace } from '../../identity/index.ts';
import type { TPickupPoint, TPickupPointCreate } from './contracts.ts';
import { createPickupPoint } from './create-pickup-point.ts';

export async function makeWorkspace(db: Db, name = 'Pickup Co'): Promise<string> {
  const user = await createUser({
    db,
    email: `p-${randomBytes(4).toString('hex')}@example.com`,
    password: 'x'.repeat(12),
  });
  return (await createWorkspace({ db, name: `${name} ${randomBytes(3).toString('hex')}`, ownerId: user.id })).id;
}

export function pointInput(over: Partial<TPickupPointCreate> = {}): TPickupPointCreate {
  return {
    kind: 'own',
    name: 'Mitte shop',
    address: { line1: 'Torstraße 1', city: 'Berlin', postcode: '10119', country: 'DE', region: 'Berlin' },
    lat: 52.5297,
    lng: 13.4015,
    hoursText: 'Mo-Fr 09:00-18:00; Sa 10:00-14:00',
    timezone: 'Europe/Berlin',
    ...over,
  };
}

export async function makePoint(
  db: Db,
  workspaceId: string,
  over: Partial<TPickupPointCreate> = {},
): Promise<TPickupPoint> {
  return createPickupPoint({ db, workspaceId, input: pointInput(over) });
}
