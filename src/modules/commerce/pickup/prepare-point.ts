import type { FieldError } from '../../../platform/errors.ts';
import type { TPickupPointCreate } from './contracts.ts';
import { HoursSyntaxError, parseOpeningHours, sortExceptions } from './opening-hours.ts';
import type { PointRow } from './point-row.ts';
import type { Capability } from './schema.ts';

/** The columns a create, an update or an import row writes (ids and timestamps aside). */
export type PointValues = Omit<PointRow, 'workspaceId' | 'id' | 'earth' | 'createdAt' | 'updatedAt'>;

/**
 * Turns a full create input into column values, checking what one field alone cannot: the hosting partner of a
 * partner point, the carrier of a carrier point, hours given twice. Errors name the input field.
 */
export function preparePoint(
  input: TPickupPointCreate,
  defaults: { currency: string },
): { ok: true; values: PointValues } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (input.kind === 'partner' && !input.partner?.name)
    errors.push({ field: 'partner.name', message: 'a partner point needs the partner business named' });
  if (input.kind === 'carrier' && !input.carrier?.trim())
    errors.push({ field: 'carrier', message: 'a carrier point needs its carrier named' });
  let hours = input.hours ?? {};
  let exceptions = input.hoursExceptions ?? [];
  if (input.hoursText !== undefined) {
    if (input.hours !== undefined || input.hoursExceptions !== undefined)
      errors.push({ field: 'hoursText', message: 'give hoursText, or hours and hoursExceptions, not both' });
    try {
      const parsed = parseOpeningHours(input.hoursText);
      hours = parsed.weekly;
      exceptions = parsed.exceptions;
    } catch (err) {
      if (!(err instanceof HoursSyntaxError)) throw err;
      errors.push({ field: 'hoursText', message: err.message });
    }
  }
  if (errors.length) return { ok: false, errors };
  // Empty days are stored as absent, so equal hours compare equal.
  const weekly = Object.fromEntries(Object.entries(hours).filter(([, rs]) => rs && rs.length > 0));
  return {
    ok: true,
    values: {
      code: input.code ?? null,
      kind: input.kind,
      name: input.name,
      partner: input.kind === 'partner' && input.partner ? stripNullish(input.partner) : null,
      carrier: input.kind === 'carrier' ? (input.carrier?.trim() ?? null) : null,
      addressLine1: input.address.line1,
      addressLine2: input.address.line2 ?? null,
      city: input.address.city,
      region: input.address.region || null,
      postcode: input.address.postcode || null,
      country: input.address.country,
      lat: input.lat,
      lng: input.lng,
      timezone: input.timezone ?? null,
      hours: weekly,
      hoursExceptions: sortExceptions(
        exceptions.map((e) => ({
          date: e.date,
          ...(e.until && e.until !== e.date ? { until: e.until } : {}),
          ranges: e.ranges,
          ...(e.note ? { note: e.note } : {}),
        })),
      ),
      capabilities: [...new Set<Capability>(input.capabilities ?? ['pickup'])],
      capacityPerDay: input.capacityPerDay ?? null,
      feeMinor: input.fee?.amountMinor ?? 0,
      currency: input.fee?.currency ?? defaults.currency,
      instructions: input.instructions || null,
      active: input.active ?? true,
    },
  };
}

function stripNullish<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== '')) as T;
}
