import { shippoAdapter } from './shippo.ts';
import type { CarrierAdapter } from './types.ts';

/** The carrier APIs Freehold can quote through, by name. Add an adapter here to offer it. */
// The registry holds adapters of different config types; each validates its own config before quote() sees it.
export const ADAPTERS: Record<string, CarrierAdapter<never>> = {
  shippo: shippoAdapter as unknown as CarrierAdapter<never>,
};

export const adapterNames = Object.keys(ADAPTERS) as [string, ...string[]];
