import { getCountries } from 'libphonenumber-js';
import { z } from 'zod';
import { ZListQuery } from '../../../platform/http/pagination.ts';
import { isCurrency } from '../../../platform/money.ts';
import { checkDay, isValidDate, WEEKDAYS } from './opening-hours.ts';
import { CAPABILITIES, PICKUP_IMPORT_KINDS, PICKUP_KINDS } from './schema.ts';

const text = (max: number) => z.string().trim().max(max);
const COUNTRIES = new Set<string>(getCountries());

export const isCountry = (c: string) => COUNTRIES.has(c);

export const ZCountry = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => COUNTRIES.has(c), 'is not an ISO 3166 country code (two letters, e.g. DE)')
  .describe('ISO 3166 alpha-2, e.g. DE');

export const ZCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrency, 'is not an ISO 4217 currency code')
  .describe('ISO 4217, e.g. EUR');

const ZTimeZone = text(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'is not an IANA time zone, e.g. Europe/Berlin');

export const ZTimeRange = z.object({
  from: z
    .string()
    .regex(/^\d{2}:\d{2}$/, 'must be HH:MM')
    .describe('HH:MM'),
  to: z
    .string()
    .regex(/^\d{2}:\d{2}$/, 'must be HH:MM')
    .describe('HH:MM; not after `from` = past midnight'),
});

const ZDayRanges = z
  .array(ZTimeRange)
  .max(8)
  .superRefine((ranges, ctx) => {
    const bad = checkDay(ranges);
    if (bad) ctx.addIssue({ code: 'custom', message: bad });
  });

export const ZWeeklyHours = z
  .object(
    Object.fromEntries(WEEKDAYS.map((d) => [d, ZDayRanges.optional()])) as Record<
      (typeof WEEKDAYS)[number],
      z.ZodOptional<typeof ZDayRanges>
    >,
  )
  .strict()
  .describe('Opening ranges per weekday (mo … su); a missing or empty day is closed')
  .meta({ id: 'WeeklyHours' });

const ZDate = z.string().refine(isValidDate, 'must be a date YYYY-MM-DD');

export const ZHoursException = z
  .object({
    date: ZDate,
    until: ZDate.optional().describe('Last date of a span (inclusive)'),
    ranges: ZDayRanges.describe('Special hours; empty = closed'),
    note: text(200).optional(),
  })
  .refine((e) => !e.until || e.until >= e.date, { message: 'until is before date', path: ['until'] })
  .meta({ id: 'HoursException' });

export const ZPartner = z
  .object({
    name: text(200).min(1),
    contactName: text(200).nullish(),
    email: z.string().trim().email().max(254).nullish(),
    phone: text(40).nullish(),
  })
  .meta({ id: 'PickupPartner' });

const ZCoordinates = {
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
};

export const ZPickupPoint = z
  .object({
    id: z.string().uuid(),
    code: z.string().nullable(),
    kind: z.enum(PICKUP_KINDS),
    name: z.string(),
    partner: ZPartner.nullable(),
    carrier: z.string().nullable(),
    address: z.object({
      line1: z.string(),
      line2: z.string().nullable(),
      city: z.string(),
      region: z.string().nullable(),
      postcode: z.string().nullable(),
      country: z.string(),
    }),
    ...ZCoordinates,
    timezone: z.string().nullable().describe("IANA zone of the hours; null: the workspace's"),
    hours: ZWeeklyHours,
    hoursExceptions: z.array(ZHoursException),
    hoursText: z.string().describe('The hours and exceptions in the compact syntax'),
    capabilities: z.array(z.enum(CAPABILITIES)),
    capacityPerDay: z.number().int().nullable(),
    fee: z.object({ amountMinor: z.number().int(), currency: z.string() }),
    instructions: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'PickupPoint' });
export type TPickupPoint = z.infer<typeof ZPickupPoint>;

const ZAddressInput = z.object({
  line1: text(300).min(1),
  line2: text(300).nullish(),
  city: text(120).min(1),
  region: text(120).nullish(),
  postcode: text(20).nullish(),
  country: ZCountry,
});

export const ZPickupPointCreate = z
  .object({
    code: text(80).min(1).nullish(),
    kind: z.enum(PICKUP_KINDS),
    name: text(200).min(1),
    partner: ZPartner.nullish().describe('Required for partner points'),
    carrier: text(120).nullish().describe('Required for carrier points'),
    address: ZAddressInput,
    ...ZCoordinates,
    timezone: ZTimeZone.nullish(),
    hours: ZWeeklyHours.optional(),
    hoursExceptions: z.array(ZHoursException).max(500).optional(),
    hoursText: text(2000)
      .optional()
      .describe('Alternative to hours + hoursExceptions: "Mo-Fr 09:00-18:00; Sa 10:00-14:00; 2026-12-25 off"'),
    capabilities: z.array(z.enum(CAPABILITIES)).max(CAPABILITIES.length).optional(),
    capacityPerDay: z.number().int().min(0).max(1_000_000).nullish().describe('null: no limit'),
    fee: z
      .object({ amountMinor: z.number().int().min(0).max(100_000_000), currency: ZCurrency.optional() })
      .optional()
      .describe("Charged to the customer; currency defaults to the workspace's"),
    instructions: text(1000).nullish(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'PickupPointCreate' });
export type TPickupPointCreate = z.infer<typeof ZPickupPointCreate>;

export const ZPickupPointUpdate = ZPickupPointCreate.partial()
  .extend({ address: ZAddressInput.partial().optional() })
  .meta({ id: 'PickupPointUpdate' });
export type TPickupPointUpdate = z.infer<typeof ZPickupPointUpdate>;

/** A query list given as `a,b` or repeated (`?x=a&x=b`), each item one of `values`. */
const csv = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

const ZBool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ZPickupListQuery = ZListQuery.extend({
  q: text(200).optional().describe('Name, code, city or postcode contains'),
  kind: z.enum(PICKUP_KINDS).optional(),
  country: ZCountry.optional(),
  region: text(120).optional(),
  capability: csv(CAPABILITIES).optional().describe('Comma-separated; all must be offered'),
  active: ZBool.optional(),
});
export type TPickupListQuery = z.infer<typeof ZPickupListQuery>;

export const ZNearestQuery = z
  .object({
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
    postcode: text(20).min(1).optional(),
    country: ZCountry.optional(),
    radiusKm: z.coerce.number().positive().max(20_000).optional().describe('Default 50 km'),
    capability: csv(CAPABILITIES).optional().describe('Comma-separated; all must be offered'),
    kind: csv(PICKUP_KINDS).optional().describe('Comma-separated; any of them'),
    openAt: z.string().datetime({ offset: true }).optional().describe("Open at this instant (in the point's zone)"),
    capacityOn: ZDate.optional().describe('Only points with a free slot on this date'),
    limit: z.coerce.number().int().min(1).max(100).default(10),
  })
  .superRefine((q, ctx) => {
    const byCoords = q.lat !== undefined || q.lng !== undefined;
    const byPostcode = q.postcode !== undefined;
    if (byCoords && byPostcode)
      ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'give lat & lng, or postcode & country, not both' });
    else if (byCoords && (q.lat === undefined || q.lng === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [q.lat === undefined ? 'lat' : 'lng'],
        message: 'is required with the other',
      });
    else if (byPostcode && !q.country)
      ctx.addIssue({ code: 'custom', path: ['country'], message: 'is required with postcode' });
    else if (!byCoords && !byPostcode)
      ctx.addIssue({ code: 'custom', path: ['lat'], message: 'give lat & lng, or postcode & country' });
  });
export type TNearestQuery = z.infer<typeof ZNearestQuery>;

export const ZNearestPoint = ZPickupPoint.extend({
  distanceKm: z.number().describe('Great-circle distance, km'),
  openNow: z.boolean().nullable().describe('Open at `openAt` (or now when not given)'),
  capacityLeft: z.number().int().nullable().describe('Free slots on `capacityOn` (or today); null = no limit'),
}).meta({ id: 'NearestPickupPoint' });

export const ZNearestResult = z.object({
  origin: z.object({
    lat: z.number(),
    lng: z.number(),
    postcode: z.string().nullable(),
    country: z.string().nullable(),
    placeName: z.string().nullable(),
  }),
  radiusKm: z.number(),
  data: z.array(ZNearestPoint),
});
export type TNearestResult = z.infer<typeof ZNearestResult>;

export const ZByRegionQuery = z.object({
  country: ZCountry.optional(),
  capability: csv(CAPABILITIES).optional(),
  kind: csv(PICKUP_KINDS).optional(),
});

export const ZRegionGroup = z.object({
  country: z.string(),
  region: z.string().nullable().describe('null: points with no region'),
  count: z.number().int(),
  points: z.array(ZPickupPoint),
});
export const ZByRegionResult = z.object({ data: z.array(ZRegionGroup), total: z.number().int() });

export const ZPostcode = z
  .object({
    country: z.string(),
    postcode: z.string(),
    lat: z.number(),
    lng: z.number(),
    placeName: z.string().nullable(),
    region: z.string().nullable(),
  })
  .meta({ id: 'PostcodeCentroid' });

export const ZPostcodeListQuery = ZListQuery.extend({
  country: ZCountry.optional(),
  prefix: text(20).optional().describe('Postcodes starting with this'),
});

export const ZPostcodeUpsert = z.object({
  country: ZCountry,
  postcode: text(20).min(1),
  ...ZCoordinates,
  placeName: text(200).nullish(),
  region: text(200).nullish(),
});

export const ZPickupImport = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(PICKUP_IMPORT_KINDS),
    filename: z.string(),
    format: z.string(),
    country: z.string().nullable(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    sizeBytes: z.number().int(),
    bytesDone: z.number().int(),
    rowsDone: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    rejected: z.number().int(),
    skipped: z.number().int().describe("Postcode imports: other countries' rows left out"),
    errors: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() })),
    error: z.string().nullable(),
    createdAt: z.date(),
    startedAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
  })
  .meta({ id: 'PickupImport' });
export type TPickupImport = z.infer<typeof ZPickupImport>;

export const ZUuidParams = z.object({ id: z.string().uuid() });

export const ZCapacityQuery = z.object({
  from: ZDate.optional().describe("First day; default today in the workspace's zone"),
  days: z.coerce.number().int().min(1).max(366).default(14),
});

export const ZCapacityDay = z.object({
  date: z.string(),
  claimed: z.number().int(),
  capacity: z.number().int().nullable(),
  left: z.number().int().nullable(),
});

export const ZUploadPickupImportQuery = z.object({
  kind: z.enum(PICKUP_IMPORT_KINDS).optional().describe('points (default) or postcodes; may also be a form field'),
  format: z.enum(['csv', 'geonames']).optional().describe('Postcodes: csv, or geonames (tab-separated dump)'),
  country: ZCountry.optional().describe("Postcodes: keep only this country's rows (or the country of every row)"),
});

/** Documents the multipart form; the handler streams it, so validation of the parts happens there. */
export const ZUploadPickupImportForm = z
  .object({
    kind: z.enum(PICKUP_IMPORT_KINDS).optional().describe('Send text fields before the file part'),
    format: z.enum(['csv', 'geonames']).optional(),
    country: z.string().optional(),
    file: z.string().meta({ format: 'binary' }).describe('UTF-8 CSV (comma, semicolon or tab), or a GeoNames .txt'),
  })
  // The multipart plugin leaves the body empty (the handler streams the parts), so validation must let it through.
  .nullish();

export const ZUploadPickupFields = z.object({
  kind: z.enum(PICKUP_IMPORT_KINDS).default('points'),
  format: z.enum(['csv', 'geonames']).optional(),
  country: ZCountry.optional(),
});

export const ZPostcodeCountry = z.object({ country: ZCountry });
