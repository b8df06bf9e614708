import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for Shippo's API (tests only): POST /shipments/ as documented at
// https://docs.goshippo.com/api-reference/shipments/create-a-new-shipment — token auth, the required Shipment,
// Address and Parcel fields with their units, `async: false` answering with rates, 401 with {"detail": …}.

export type FakeRate = {
  provider: string;
  token: string;
  name: string;
  amount: string;
  currency: string;
  amount_local?: string;
  currency_local?: string;
  estimated_days?: number | null;
};

export type FakeShippoOptions = {
  token?: string;
  rates?: (body: ShipmentBody) => FakeRate[];
  /** Milliseconds before answering (a slow carrier). */
  delayMs?: number;
  /** Answer this status with a non-JSON body instead (a proxy's error page). */
  brokenStatus?: number;
  messages?: { source: string; code: string; text: string }[];
};

type Address = { country?: unknown; zip?: unknown; city?: unknown; state?: unknown };
type ParcelBody = {
  length?: unknown;
  width?: unknown;
  height?: unknown;
  distance_unit?: unknown;
  weight?: unknown;
  mass_unit?: unknown;
};
export type ShipmentBody = {
  address_from?: Address;
  address_to?: Address;
  parcels?: ParcelBody[];
  async?: unknown;
  carrier_accounts?: unknown;
  extra?: { cod?: { amount?: unknown; currency?: unknown; payment_method?: unknown } };
};

const DISTANCE = ['cm', 'in', 'ft', 'mm', 'm', 'yd'];
const MASS = ['g', 'oz', 'lb', 'kg'];
const num = /^\d{1,6}(\.\d{1,4})?$/;

/** The problems Shippo would answer 400 for, as `{ field: [message] }`. */
function validate(b: ShipmentBody): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const need = (ok: boolean, field: string, msg: string) => {
    if (!ok) errors[field] = [...(errors[field] ?? []), msg];
  };
  need(typeof b.address_from?.country === 'string', 'address_from', 'country is required');
  need(typeof b.address_to?.country === 'string', 'address_to', 'country is required');
  need(Array.isArray(b.parcels) && b.parcels.length > 0, 'parcels', 'This field is required.');
  (b.parcels ?? []).forEach((p, i) => {
    for (const k of ['length', 'width', 'height', 'weight'] as const)
      need(typeof p[k] === 'string' && num.test(p[k] as string), `parcels[${i}].${k}`, 'A valid number is required.');
    need(DISTANCE.includes(String(p.distance_unit)), `parcels[${i}].distance_unit`, 'is not a valid choice.');
    need(MASS.includes(String(p.mass_unit)), `parcels[${i}].mass_unit`, 'is not a valid choice.');
  });
  if (b.extra?.cod)
    need(
      ['SECURED_FUNDS', 'CASH', 'ANY'].includes(String(b.extra.cod.payment_method)),
      'extra.cod.payment_method',
      'is not a valid choice.',
    );
  return errors;
}

export async function startFakeShippo(opts: FakeShippoOptions = {}) {
  const token = opts.token ?? 'shippo_test_freehold';
  const requests: { headers: http.IncomingHttpHeaders; body: ShipmentBody }[] = [];
  let seq = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString('utf8');
    });
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (opts.delayMs) setTimeout(send, opts.delayMs);
        else send();
      };
      if (req.method !== 'POST' || req.url !== '/shipments/') return answer(404, { detail: 'Not found.' });
      const auth = req.headers.authorization;
      if (!auth) return answer(401, { detail: 'Authentication credentials were not provided.' });
      if (auth !== `ShippoToken ${token}`) return answer(401, { detail: 'Token does not exist' });
      let body: ShipmentBody;
      try {
        body = JSON.parse(raw) as ShipmentBody;
      } catch {
        return answer(400, { detail: 'JSON parse error' });
      }
      requests.push({ headers: req.headers, body });
      if (opts.brokenStatus) {
        res.writeHead(opts.brokenStatus, { 'content-type': 'text/html' });
        res.end('<html><body>Bad gateway</body></html>');
        return;
      }
      const errors = validate(body);
      if (Object.keys(errors).length) return answer(400, errors);
      const id = `shp_${++seq}`;
      const now = new Date().toISOString();
      const synchronous = body.async === false;
      answer(201, {
        object_id: id,
        object_owner: 'tests@freehold.example',
        object_created: now,
        object_updated: now,
        status: synchronous ? 'SUCCESS' : 'QUEUED',
        address_from: body.address_from,
        address_to: body.address_to,
        parcels: body.parcels,
        carrier_accounts: Array.isArray(body.carrier_accounts) ? body.carrier_accounts : [],
        metadata: '',
        messages: opts.messages ?? [],
        test: true,
        rates: synchronous
          ? (opts.rates?.(body) ?? []).map((r, i) => ({
              object_id: `rate_${seq}_${i}`,
              object_owner: 'tests@freehold.example',
              object_created: now,
              shipment: id,
              attributes: [],
              amount: r.amount,
              currency: r.currency,
              amount_local: r.amount_local ?? r.amount,
              currency_local: r.currency_local ?? r.currency,
              provider: r.provider,
              servicelevel: { name: r.name, token: r.token, terms: '' },
              estimated_days: r.estimated_days ?? null,
              duration_terms: '',
              carrier_account: 'ca_test',
              test: true,
            }))
          : [],
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
