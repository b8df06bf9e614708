// Payloads of /api/v1/carriers and /api/v1/shipping/* (src/modules/commerce/shipping/contracts.ts and
// quote-contracts.ts), as the browser receives them.

export type ServiceKind = 'home' | 'pickup_point' | 'locker';
export const SERVICE_KINDS: readonly ServiceKind[] = ['home', 'pickup_point', 'locker'];

export type Service = { id: string; carrierId: string; code: string; name: string; kind: ServiceKind; active: boolean };

export type RateCardIssue = { line: number; column: string | null; message: string };

export type RateCard = {
  id: string;
  carrierId: string;
  version: number;
  active: boolean;
  currency: string;
  filename: string;
  rowCount: number;
  zoneCount: number;
  serviceCount: number;
  warnings: RateCardIssue[];
  createdAt: string;
  activatedAt: string | null;
};

export type Carrier = {
  id: string;
  name: string;
  kind: 'rate_card' | 'api';
  active: boolean;
  adapter: string | null;
  adapterConfig: Record<string, unknown> | null;
  hasSecret: boolean;
  services: Service[];
  activeRateCard: RateCard | null;
  createdAt: string;
  updatedAt: string;
};

export type ImportResult = { rateCard: RateCard | null; warnings: RateCardIssue[]; servicesCreated: string[] };

export type Tag = 'cheapest' | 'fastest' | 'best_value';
export type BreakdownLine = { code: string; label: string; amountMinor: number };

export type QuoteOption = {
  id: string;
  rank: number;
  tags: Tag[];
  source: 'rate_card' | 'carrier_api';
  carrierId: string;
  carrierName: string;
  serviceId: string;
  serviceName: string;
  serviceKind: ServiceKind;
  priceMinor: number;
  currency: string;
  breakdown: BreakdownLine[];
  eta: { dispatch: string; earliest: string; latest: string };
  transitDays: { min: number; max: number };
  rateCardVersion: number | null;
  zone: string | null;
  chargeableWeightGrams: number | null;
};

export type Quote = {
  id: string;
  expiresAt: string;
  currency: string;
  options: QuoteOption[];
  unavailable: {
    carrierId: string;
    carrierName: string;
    serviceId: string | null;
    serviceName: string | null;
    reason: string;
  }[];
  warnings: { code: string; message: string; carrierId?: string }[];
};

export type Rule = {
  id: string;
  kind: 'margin' | 'free_shipping';
  name: string;
  carrierId: string | null;
  serviceId: string | null;
  countries: string[];
  currency: string | null;
  percent: number | null;
  fixedMinor: number | null;
  minOrderMinor: number | null;
  active: boolean;
  createdAt: string;
};

export type WidgetInfo = {
  publicKey: string;
  scriptUrl: string;
  snippet: string;
  countries: string[];
  currency: string;
};

export const shippingKeys = {
  all: ['shipping'] as const,
  carriers: ['shipping', 'carriers'] as const,
  versions: (carrierId: string) => ['shipping', 'carriers', carrierId, 'versions'] as const,
  rules: ['shipping', 'rules'] as const,
  widget: ['shipping', 'widget'] as const,
};

// ISO 3166-1 alpha-2, as the server accepts them (src/modules/commerce/shipping/countries.ts); names come from Intl.
const CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
  'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
  'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
  'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
  'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
  'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

/** Countries for a Select, named in the UI language and sorted by name. */
export function countryOptions(locale: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  return CODES.split(' ')
    .map((c) => ({ value: c, label: `${names.of(c) ?? c} (${c})` }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}
