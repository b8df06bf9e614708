import { describe, expect, it } from 'vitest';
import { decodeOptions, encodeOptions } from './quote-codec.ts';
import type { QuoteOption } from './quote-engine.ts';

const option = (over: Partial<QuoteOption>): QuoteOption => ({
  id: 'o1',
  rank: 1,
  tags: [],
  source: 'rate_card',
  carrierId: '0190f5a2-0000-7000-8000-000000000001',
  carrierName: 'Parcelo',
  serviceId: '0190f5a2-0000-7000-8000-000000000002',
  serviceName: 'Home delivery',
  serviceKind: 'home',
  priceMinor: 549,
  currency: 'EUR',
  breakdown: [
    { code: 'base', label: 'Base rate', amountMinor: 499 },
    { code: 'fuel', label: 'Fuel surcharge (10%)', amountMinor: 50 },
  ],
  eta: { dispatch: '2026-12-24', earliest: '2026-12-29', latest: '2027-01-04' },
  transitDays: { min: 1, max: 4 },
  rateCardId: '0190f5a2-0000-7000-8000-000000000003',
  rateCardVersion: 3,
  zone: 'DE',
  chargeableWeightGrams: 1500,
  carrierReference: null,
  ...over,
});

describe('stored quote options', () => {
  it('decode to exactly what was answered, at a fraction of the size', () => {
    const options: QuoteOption[] = [
      option({ tags: ['cheapest', 'best_value'] }),
      option({
        id: 'o2',
        rank: 2,
        serviceId: '0190f5a2-0000-7000-8000-000000000004',
        serviceName: 'Locker',
        serviceKind: 'locker',
        priceMinor: 620,
        breakdown: [{ code: 'base', label: 'Base rate', amountMinor: 620 }],
      }),
      option({
        id: 'o3',
        rank: 3,
        tags: ['fastest'],
        source: 'carrier_api',
        carrierId: '0190f5a2-0000-7000-8000-000000000009',
        carrierName: 'Shippo',
        serviceId: 'shippo:ups_standard',
        serviceName: 'UPS Standard',
        priceMinor: 1633,
        breakdown: [
          { code: 'carrier', label: 'Shippo rate', amountMinor: 1500 },
          { code: 'margin', label: 'Handling', amountMinor: 133 },
        ],
        eta: { dispatch: '2026-12-24', earliest: '2026-12-24', latest: '2026-12-24' },
        transitDays: { min: 0, max: 0 },
        rateCardId: null,
        rateCardVersion: null,
        zone: null,
        chargeableWeightGrams: null,
        carrierReference: 'rate_8c1f',
      }),
    ];
    const stored = encodeOptions(options, 'EUR');
    expect(decodeOptions(JSON.parse(JSON.stringify(stored)))).toEqual(options);
    expect(stored.c).toHaveLength(2);
    expect(stored.l).toHaveLength(4);
    const many = Array.from({ length: 40 }, (_, i) => option({ id: `o${i + 1}`, rank: i + 1, priceMinor: 500 + i }));
    expect(JSON.stringify(encodeOptions(many, 'EUR')).length).toBeLessThan(JSON.stringify(many).length / 4);
  });
});
