import type { TPickupPoint } from './contracts.ts';
import { formatOpeningHours } from './opening-hours.ts';
import type { pickupPoints } from './schema.ts';

export type PointRow = typeof pickupPoints.$inferSelect;

/** Every column but the derived `earth`, for selects that map rows with toPickupPoint. */
export const POINT_COLUMNS = `p.workspace_id as "workspaceId", p.id, p.code, p.kind, p.name, p.partner, p.carrier,
  p.address_line1 as "addressLine1", p.address_line2 as "addressLine2", p.city, p.region, p.postcode, p.country,
  p.lat, p.lng, p.timezone, p.hours, p.hours_exceptions as "hoursExceptions", p.capabilities,
  p.capacity_per_day as "capacityPerDay", p.fee_minor as "feeMinor", p.currency, p.instructions, p.active,
  p.created_at as "createdAt", p.updated_at as "updatedAt"`;

/** Raw SQL hands timestamps back as strings or Dates depending on the path; the API shape wants Dates. */
const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

export function toPickupPoint(r: Omit<PointRow, 'earth'> & { earth?: unknown }): TPickupPoint {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    name: r.name,
    partner: r.partner ?? null,
    carrier: r.carrier,
    address: {
      line1: r.addressLine1,
      line2: r.addressLine2,
      city: r.city,
      region: r.region,
      postcode: r.postcode,
      country: r.country,
    },
    lat: r.lat,
    lng: r.lng,
    timezone: r.timezone,
    hours: r.hours,
    hoursExceptions: r.hoursExceptions,
    hoursText: formatOpeningHours({ weekly: r.hours, exceptions: r.hoursExceptions }),
    capabilities: r.capabilities,
    capacityPerDay: r.capacityPerDay,
    fee: { amountMinor: r.feeMinor, currency: r.currency },
    instructions: r.instructions,
    active: r.active,
    createdAt: asDate(r.createdAt),
    updatedAt: asDate(r.updatedAt),
  };
}
