// Payload types of the pickup-point endpoints (src/modules/commerce/pickup/contracts.ts), as the browser receives them.
export type {
  HoursException,
  TimeRange,
  Weekday,
  WeeklyHours,
} from '../../../../../src/modules/commerce/pickup/opening-hours.ts';

import type { HoursException, WeeklyHours } from '../../../../../src/modules/commerce/pickup/opening-hours.ts';

import type { Capability, PickupKind } from '../../../../../src/modules/commerce/pickup/vocabulary.ts';

export {
  CAPABILITIES,
  type Capability,
  PICKUP_KINDS as KINDS,
  type PickupKind,
} from '../../../../../src/modules/commerce/pickup/vocabulary.ts';

export type Partner = { name: string; contactName?: string | null; email?: string | null; phone?: string | null };

export type PickupPoint = {
  id: string;
  code: string | null;
  kind: PickupKind;
  name: string;
  partner: Partner | null;
  carrier: string | null;
  address: {
    line1: string;
    line2: string | null;
    city: string;
    region: string | null;
    postcode: string | null;
    country: string;
  };
  lat: number;
  lng: number;
  timezone: string | null;
  hours: WeeklyHours;
  hoursExceptions: HoursException[];
  hoursText: string;
  capabilities: Capability[];
  capacityPerDay: number | null;
  fee: { amountMinor: number; currency: string };
  instructions: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

export type NearestPoint = PickupPoint & { distanceKm: number; openNow: boolean | null; capacityLeft: number | null };
export type NearestResult = {
  origin: { lat: number; lng: number; postcode: string | null; country: string | null; placeName: string | null };
  radiusKm: number;
  data: NearestPoint[];
};

export type RegionGroup = { country: string; region: string | null; count: number; points: PickupPoint[] };

export type PickupImport = {
  id: string;
  kind: 'points' | 'postcodes';
  filename: string;
  format: string;
  country: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  sizeBytes: number;
  bytesDone: number;
  rowsDone: number;
  created: number;
  updated: number;
  rejected: number;
  skipped: number;
  errors: { row: number; column: string | null; message: string }[];
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type CapacityDay = { date: string; claimed: number; capacity: number | null; left: number | null };

export const pickupKeys = {
  all: ['pickup'] as const,
  list: (filters: Record<string, unknown>) => ['pickup', 'list', filters] as const,
  point: (id: string) => ['pickup', 'point', id] as const,
  regions: ['pickup', 'regions'] as const,
  imports: ['pickup', 'imports'] as const,
  postcodes: ['pickup', 'postcodes'] as const,
};
