import type { LocationKind } from './schema.ts';

/** Where an order line's units come from (the contract orders and shipping read). */
export type Allocation = {
  lineId: string;
  variantId: string;
  locationId: string;
  locationKind: LocationKind;
  quantity: number;
};

export type Candidate = {
  locationId: string;
  variantId: string;
  kind: LocationKind;
  priority: number;
  locationName: string;
  active: boolean;
  tracksLevels: boolean;
  onHand: number;
  reserved: number;
};

const KIND_RANK: Record<LocationKind, number> = { warehouse: 0, shop: 1, dropship: 2 };

/** What a location can still give: unlimited for a dropship supplier that does not report its levels. */
export const canGive = (c: Candidate): number =>
  c.tracksLevels ? Math.max(0, c.onHand - c.reserved) : Number.POSITIVE_INFINITY;

/**
 * The allocation order: the preferred location first, then own warehouses, then shops, then dropship suppliers;
 * within a kind by priority (lower first), then name. Inactive locations give nothing.
 */
export function rankCandidates(cands: Candidate[], preferLocationId?: string): Candidate[] {
  return cands
    .filter((c) => c.active)
    .sort(
      (a, b) =>
        Number(b.locationId === preferLocationId) - Number(a.locationId === preferLocationId) ||
        KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
        a.priority - b.priority ||
        a.locationName.localeCompare(b.locationName) ||
        (a.locationId < b.locationId ? -1 : 1),
    );
}

/**
 * The allocation policy, per line: the preferred location when it can fill the line; else own stock — from ONE
 * warehouse or shop when one can fill it (one parcel beats two), else split over them in order; only what own stock
 * cannot cover goes to dropship suppliers (again one when one can). Candidates' `reserved` is advanced as lines
 * take units, so two lines of the same variant share them. Answers the allocations and the lines that could not be
 * filled.
 */
export function allocate(
  lines: { lineId: string; variantId: string; quantity: number }[],
  candidatesByVariant: Map<string, Candidate[]>,
  preferLocationId?: string,
): { allocations: Allocation[]; short: { index: number; available: number }[] } {
  const allocations: Allocation[] = [];
  const short: { index: number; available: number }[] = [];
  lines.forEach((line, index) => {
    const ranked = rankCandidates(candidatesByVariant.get(line.variantId) ?? [], preferLocationId);
    const total = ranked.reduce((s, c) => s + canGive(c), 0);
    if (total < line.quantity) {
      short.push({ index, available: total });
      return;
    }
    const take = (c: Candidate, quantity: number) => {
      c.reserved += quantity;
      allocations.push({
        lineId: line.lineId,
        variantId: line.variantId,
        locationId: c.locationId,
        locationKind: c.kind,
        quantity,
      });
    };
    /** Fills `want` from these candidates: whole from the first that can, else split in order. Returns the rest. */
    const fill = (cands: Candidate[], want: number): number => {
      const whole = cands.find((c) => canGive(c) >= want);
      if (whole) {
        take(whole, want);
        return 0;
      }
      let left = want;
      for (const c of cands) {
        const q = Math.min(canGive(c), left);
        if (q > 0) take(c, q);
        left -= q;
        if (left === 0) break;
      }
      return left;
    };
    const preferred = ranked[0]?.locationId === preferLocationId ? ranked[0] : undefined;
    if (preferred && canGive(preferred) >= line.quantity) {
      take(preferred, line.quantity);
      return;
    }
    // Own stock first (warehouses, then shops), a supplier only for what it cannot cover.
    const left = fill(
      ranked.filter((c) => c.kind !== 'dropship'),
      line.quantity,
    );
    if (left > 0)
      fill(
        ranked.filter((c) => c.kind === 'dropship'),
        left,
      );
  });
  return { allocations, short };
}
