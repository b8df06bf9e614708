// Is a point open at an instant? Evaluated on the wall clock of the point's zone, so "09:00" stays 09:00 across
// daylight-saving changes. Pure (Intl only): the widget-facing API and the UI use the same answer.
import { type Local, toLocal } from '../../../platform/time/zones.ts';
import { type OpeningHours, rangeSpan, type TimeRange, WEEKDAYS } from './opening-hours.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (y: number, mo0: number, d: number) => {
  const t = new Date(Date.UTC(y, mo0, d));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
};
/** 0 = Monday … 6 = Sunday, as WEEKDAYS. */
const weekdayOf = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

/**
 * The ranges that start on a date: an exception covering the date replaces the weekly pattern for that day
 * (including the part of its ranges running past midnight); otherwise the weekday's ranges.
 */
export function rangesStartingOn(h: OpeningHours, date: string): TimeRange[] {
  for (const e of h.exceptions) if (e.date <= date && date <= (e.until ?? e.date)) return e.ranges;
  return h.weekly[WEEKDAYS[weekdayOf(date)] ?? 'mo'] ?? [];
}

/** Open at minute `m` of `date` (local)? Counts yesterday's overnight ranges reaching into today. */
function openAtLocal(h: OpeningHours, local: Local): boolean {
  const today = dateOf(local.y, local.mo, local.d);
  const yesterday = dateOf(local.y, local.mo, local.d - 1);
  const m = local.h * 60 + local.mi;
  for (const r of rangesStartingOn(h, today)) {
    const [s, e] = rangeSpan(r);
    if (s <= m && m < e) return true;
  }
  for (const r of rangesStartingOn(h, yesterday)) {
    const [, e] = rangeSpan(r);
    if (e > 1440 && m + 1440 < e) return true;
  }
  return false;
}

export function isOpenAt(h: OpeningHours, at: Date, timeZone: string): boolean {
  return openAtLocal(h, toLocal(at, timeZone));
}

/** The point's local date at an instant (YYYY-MM-DD), e.g. the default day for "capacity left". */
export function localDate(at: Date, timeZone: string): string {
  const l = toLocal(at, timeZone);
  return dateOf(l.y, l.mo, l.d);
}
