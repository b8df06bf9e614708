import { z } from 'zod';
import { toCountryCode } from '../countries.ts';
import { currencyExponent, formatMajor } from '../money.ts';
import type { Parcel } from '../tariff.ts';
import {
  type AdapterAnswer,
  type AdapterCommon,
  AdapterError,
  type AdapterRate,
  type CarrierAdapter,
} from './types.ts';

// Shippo (https://docs.goshippo.com): creating a Shipment with `async: false` answers with every rate of the
// account's carriers. Request and answer as in Shippo's API reference (POST https://api.goshippo.com/shipments/,
// header `Authorization: ShippoToken <token>`, optional `SHIPPO-API-VERSION`); objects and fields:
//   Shipment request: address_from, address_to (Address), parcels (Parcel[]), async, carrier_accounts?, extra?
//   Address: name, company, street1, city, state, zip, country (ISO 3166 alpha-2, the only required field)
//   Parcel: length, width, height (strings), distance_unit (cm|in|ft|mm|m|yd), weight (string), mass_unit (g|oz|lb|kg)
//   Shipment answer: object_id, status (WAITING|QUEUED|SUCCESS|ERROR), rates (Rate[]), messages ({source,code,text}[])
//   Rate: object_id, amount, currency, amount_local, currency_local, provider, servicelevel {name, token},
//         estimated_days, duration_terms, attributes (CHEAPEST|FASTEST|BESTVALUE)
//   extra.cod: { amount, currency, payment_method: SECURED_FUNDS|CASH|ANY }
//   401 answers {"detail": "Token does not exist"}.

const SHIPPO_URL = 'https://api.goshippo.com';

const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 16:00');
const ZCountry = z.string().transform((v, ctx) => {
  const c = toCountryCode(v);
  if (!c) ctx.addIssue({ code: 'custom', message: 'is not an ISO 3166 country code' });
  return c ?? v;
});

/** https anywhere; plain http only on loopback (a local fake of the API in tests, or a proxy on the same host). */
const ZBaseUrl = z
  .string()
  .url()
  .refine((u) => {
    const url = new URL(u);
    return (
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    );
  }, 'must be an https URL (http only on 127.0.0.1 or localhost)');

export const ZShippoConfig = z.object({
  baseUrl: ZBaseUrl.default(SHIPPO_URL),
  apiVersion: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2018-02-08')
    .optional(),
  addressFrom: z.object({
    name: z.string().max(100).optional(),
    company: z.string().max(100).optional(),
    street1: z.string().max(100).optional(),
    city: z.string().max(100).optional(),
    state: z.string().max(100).optional(),
    zip: z.string().max(20).optional(),
    country: ZCountry,
  }),
  carrierAccounts: z.array(z.string().min(1).max(64)).max(50).optional(),
  timeoutMs: z.number().int().min(200).max(10_000).default(3000),
  cutoff: ZTime.optional(),
  fallbackTransitDays: z
    .object({ min: z.number().int().min(0).max(60), max: z.number().int().min(0).max(60) })
    .refine((t) => t.min <= t.max, 'min must not be more than max')
    .default({ min: 1, max: 5 }),
});
export type ShippoConfig = z.infer<typeof ZShippoConfig> & AdapterCommon;

const ZRate = z.object({
  object_id: z.string(),
  amount: z.string(),
  currency: z.string(),
  amount_local: z.string().nullish(),
  currency_local: z.string().nullish(),
  provider: z.string(),
  servicelevel: z.object({ name: z.string().nullish(), token: z.string().nullish() }),
  estimated_days: z.number().int().nullish(),
});
const ZShipment = z.object({
  rates: z.array(z.unknown()),
  messages: z
    .array(z.object({ source: z.string().nullish(), code: z.string().nullish(), text: z.string().nullish() }))
    .nullish(),
});

const dims = (p: Parcel) => {
  // Shippo requires all three sides; a parcel given by weight only is sent as a 1 cm cube, which no carrier's
  // dimensional weight turns into more than its real weight.
  const cm = (mm: number | null) => ((mm ?? 10) / 10).toFixed(1);
  return { length: cm(p.lengthMm), width: cm(p.widthMm), height: cm(p.heightMm), distance_unit: 'cm' };
};

function toMinor(amount: string, currency: string): number | null {
  const n = Number(amount);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 10 ** currencyExponent(currency)) : null;
}

export const shippoAdapter: CarrierAdapter<ShippoConfig> = {
  name: 'shippo',
  label: 'Shippo',
  docsUrl: 'https://docs.goshippo.com/api-reference/shipments/create-a-new-shipment',
  config: ZShippoConfig as unknown as z.ZodType<ShippoConfig>,
  needsSecret: true,

  async quote(config, secret, req): Promise<AdapterAnswer> {
    const body: Record<string, unknown> = {
      address_from: config.addressFrom,
      address_to: {
        country: req.destination.country,
        ...(req.destination.postcode ? { zip: req.destination.postcode } : {}),
        ...(req.destination.city ? { city: req.destination.city } : {}),
        ...(req.destination.region ? { state: req.destination.region } : {}),
      },
      parcels: req.parcels.map((p) => ({ ...dims(p), weight: String(p.weightGrams), mass_unit: 'g' })),
      async: false,
      ...(config.carrierAccounts?.length ? { carrier_accounts: config.carrierAccounts } : {}),
      ...(req.cashOnDeliveryMinor !== null
        ? {
            extra: {
              cod: {
                amount: formatMajor(req.cashOnDeliveryMinor, req.currency),
                currency: req.currency,
                payment_method: 'CASH',
              },
            },
          }
        : {}),
    };
    let res: Response;
    try {
      res = await fetch(`${config.baseUrl.replace(/\/+$/, '')}/shipments/`, {
        method: 'POST',
        headers: {
          authorization: `ShippoToken ${secret ?? ''}`,
          'content-type': 'application/json',
          accept: 'application/json',
          ...(config.apiVersion ? { 'shippo-api-version': config.apiVersion } : {}),
        },
        body: JSON.stringify(body),
        signal: req.signal,
      });
    } catch (err) {
      if (req.signal.aborted) throw new AdapterError(`Shippo did not answer within ${config.timeoutMs} ms`, 'timeout');
      throw new AdapterError(`Shippo could not be reached: ${(err as Error).message}`, 'unreachable');
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      if (req.signal.aborted) throw new AdapterError(`Shippo did not answer within ${config.timeoutMs} ms`, 'timeout');
      throw new AdapterError(`Shippo answered ${res.status} without JSON`, 'bad_answer');
    }
    if (!res.ok) {
      const detail =
        typeof json === 'object' && json && 'detail' in json ? String((json as { detail: unknown }).detail) : '';
      throw new AdapterError(`Shippo refused the request (${res.status})${detail ? `: ${detail}` : ''}`, 'refused');
    }
    const shipment = ZShipment.safeParse(json);
    if (!shipment.success) throw new AdapterError('Shippo answered a shipment without rates', 'bad_answer');
    const messages = (shipment.data.messages ?? [])
      .map((m) => [m.source, m.text].filter(Boolean).join(': '))
      .filter(Boolean);
    const rates: AdapterRate[] = [];
    for (const raw of shipment.data.rates) {
      const r = ZRate.safeParse(raw);
      if (!r.success) {
        messages.push('Shippo sent a rate Freehold cannot read; it was left out');
        continue;
      }
      const rate = r.data;
      const [amount, currency] =
        rate.currency === req.currency
          ? [rate.amount, rate.currency]
          : rate.currency_local === req.currency && rate.amount_local
            ? [rate.amount_local, rate.currency_local]
            : [null, rate.currency];
      const minor = amount === null ? null : toMinor(amount, currency);
      if (minor === null) {
        messages.push(
          `${rate.provider} ${rate.servicelevel.name ?? ''}: priced in ${currency}, not ${req.currency}`.replace(
            '  ',
            ' ',
          ),
        );
        continue;
      }
      const token = rate.servicelevel.token || `${rate.provider}`.toLowerCase();
      rates.push({
        serviceCode: token,
        serviceName: `${rate.provider} ${rate.servicelevel.name ?? token}`.trim(),
        amountMinor: minor,
        currency: req.currency,
        transitDays:
          rate.estimated_days !== null && rate.estimated_days !== undefined && rate.estimated_days >= 0
            ? { min: rate.estimated_days, max: rate.estimated_days }
            : null,
        reference: rate.object_id,
      });
    }
    return { rates, messages };
  },
};
