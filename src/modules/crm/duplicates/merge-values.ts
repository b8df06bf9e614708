import type { ContactRow } from '../contacts/serialize.ts';
import { uniq } from '../normalize.ts';
import type { SourceTouch } from '../schema.ts';

/** The contact fields a merge may change on the survivor; everything else stays as it was. */
export const MERGED_FIELDS = [
  'firstName',
  'lastName',
  'title',
  'companyId',
  'companyName',
  'address',
  'country',
  'language',
  'website',
  'social',
  'tags',
  'ownerId',
  'custom',
  'emails',
  'phones',
  'firstSource',
  'latestSource',
  'sourceChannel',
] as const satisfies readonly (keyof ContactRow)[];
export type MergedField = (typeof MERGED_FIELDS)[number];
export type MergeSnapshot = Partial<Pick<ContactRow, MergedField>>;

const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const touchTime = (t: SourceTouch | null) => (t ? Date.parse(t.at) : Number.NaN);

/** Keys of `extra` fill the gaps of `base`; `base` wins on conflicts, and a null value counts as a gap. */
function fillObject<T extends Record<string, unknown>>(base: T, extra: T): T {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(extra)) if (isEmpty(out[k]) && !isEmpty(v)) out[k] = v;
  return out as T;
}

/**
 * What the survivor looks like after absorbing `other`: its own values stay, empty ones are filled from the other,
 * lists and custom values are unioned (survivor first, survivor wins), the first touch is the earlier one and the
 * latest touch the later one. Returns only the fields that change.
 */
export function mergedValues(survivor: ContactRow, other: ContactRow): MergeSnapshot {
  const next: MergeSnapshot = {};
  for (const f of ['firstName', 'lastName', 'title', 'country', 'language', 'website', 'ownerId'] as const)
    if (isEmpty(survivor[f]) && !isEmpty(other[f])) next[f] = other[f];
  // The company link and its denormalised name travel together.
  if (!survivor.companyId && other.companyId) {
    next.companyId = other.companyId;
    next.companyName = other.companyName;
  } else if (!survivor.companyId && !survivor.companyName && other.companyName) next.companyName = other.companyName;
  // An address is one place: take the other's whole address rather than mixing two streets and cities.
  if (isEmpty(survivor.address) && !isEmpty(other.address)) next.address = other.address;
  next.social = fillObject(survivor.social, other.social);
  next.custom = fillObject(survivor.custom, other.custom);
  next.emails = uniq([...survivor.emails, ...other.emails]);
  next.phones = uniq([...survivor.phones, ...other.phones]);
  next.tags = uniq([...survivor.tags, ...other.tags]);
  if (other.firstSource && !(touchTime(survivor.firstSource) <= touchTime(other.firstSource))) {
    next.firstSource = other.firstSource;
    next.sourceChannel = other.sourceChannel ?? other.firstSource.channel;
  }
  if (other.latestSource && !(touchTime(survivor.latestSource) >= touchTime(other.latestSource)))
    next.latestSource = other.latestSource;
  for (const k of Object.keys(next) as MergedField[]) if (sameValue(next[k], survivor[k])) delete next[k];
  return next;
}

/**
 * Undo of a merge on the survivor, safe against edits made since: a field still holding what the merge wrote goes
 * back to its old value; a field edited since is kept, except that list items and custom keys the merge brought in
 * are taken out again (they belong to the restored contact, and emails may not be held twice).
 */
export function unmergedValues(current: ContactRow, before: MergeSnapshot, merged: MergeSnapshot): MergeSnapshot {
  const out: MergeSnapshot = {};
  for (const f of Object.keys(merged) as MergedField[]) {
    const now = current[f];
    if (sameValue(now, merged[f])) {
      (out as Record<string, unknown>)[f] = before[f] ?? null;
      continue;
    }
    if (f === 'emails' || f === 'phones' || f === 'tags') {
      const added = new Set((merged[f] ?? []).filter((x) => !(before[f] ?? []).includes(x)));
      const kept = current[f].filter((x) => !added.has(x));
      if (kept.length !== current[f].length) out[f] = kept;
    } else if (f === 'custom' || f === 'social') {
      const b = (before[f] ?? {}) as Record<string, unknown>;
      const m = (merged[f] ?? {}) as Record<string, unknown>;
      const cur = { ...(current[f] as Record<string, unknown>) };
      let changed = false;
      for (const k of Object.keys(m))
        if (!sameValue(m[k], b[k]) && sameValue(cur[k], m[k])) {
          if (k in b) cur[k] = b[k];
          else delete cur[k];
          changed = true;
        }
      if (changed) (out as Record<string, unknown>)[f] = cur;
    }
  }
  return out;
}

export function pick(row: ContactRow, fields: readonly MergedField[]): MergeSnapshot {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = row[f];
  return out as MergeSnapshot;
}
