import { toLocal } from '../../../platform/time/zones.ts';
import type { TransitDays } from './card-types.ts';

// Working-day arithmetic on plain day numbers (days since 1970-01-01), so an ETA costs a few integer steps.

const DAY_MS = 86_400_000;

// Every quote turns a few dozen day numbers into dates and back; the same few hundred days recur, so both directions
// are remembered (bounded: a cache that grows past its cap is simply started again).
const isoCache = new Map<number, string>();
const dayCache = new Map<string, number>();
const CACHE_CAP = 20_000;

export function dayOf(iso: string): number {
  let d = dayCache.get(iso);
  if (d === undefined) {
    d = Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
    if (dayCache.size >= CACHE_CAP) dayCache.clear();
    dayCache.set(iso, d);
  }
  return d;
}

export function isoOf(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoCache.size >= CACHE_CAP) isoCache.clear();
    isoCache.set(day, s);
  }
  return s;
}
/** 1 = Monday … 7 = Sunday (1970-01-01, day 0, was a Thursday). */
export const isoWeekday = (day: number): number => ((day + 3) % 7) + 1;

export class WorkCalendar {
  private readonly days: boolean[];
  private readonly holidays: Set<number>;
  constructor(workingDays: readonly number[], holidays: readonly string[]) {
    this.days = [false, ...[1, 2, 3, 4, 5, 6, 7].map((d) => workingDays.includes(d))];
    this.holidays = new Set(holidays.map(dayOf));
    // A calendar without a working day would never deliver: the card parser refuses it, this is the last guard.
    if (!this.days.some(Boolean)) throw new Error('a calendar needs at least one working day');
  }
  isWorking(day: number): boolean {
    return this.days[isoWeekday(day)]! && !this.holidays.has(day);
  }
  /** The n-th working day after `day` (n = 0: `day` itself). */
  addWorkingDays(day: number, n: number): number {
    let d = day;
    for (let left = n; left > 0; ) {
      d++;
      if (this.isWorking(d)) left--;
    }
    return d;
  }
  nextWorkingDay(day: number): number {
    return this.addWorkingDays(day, 1);
  }
}

/** The moment of asking, as the workspace's clocks show it: today's day number and minutes since midnight. */
export type LocalNow = { day: number; minutes: number };

export function localNow(now: Date, timezone: string): LocalNow {
  const l = toLocal(now, timezone);
  return { day: Math.floor(Date.UTC(l.y, l.mo, l.d) / DAY_MS), minutes: l.h * 60 + l.mi };
}

export const cutoffMinutes = (cutoff: string | null): number | null =>
  cutoff ? Number(cutoff.slice(0, 2)) * 60 + Number(cutoff.slice(3, 5)) : null;

/**
 * When a parcel leaves: today if today is a working day and the cut-off has not passed (an order at the cut-off
 * minute is too late); otherwise the next working day. Transit is counted in working days from there:
 * earliest = dispatch + min, latest = dispatch + max (0 = delivered the day it leaves).
 */
export function estimateDelivery(
  now: LocalNow,
  cutoff: number | null,
  transit: TransitDays,
  cal: WorkCalendar,
): { dispatch: string; earliest: string; latest: string } {
  const open = cal.isWorking(now.day) && (cutoff === null || now.minutes < cutoff);
  const dispatch = open ? now.day : cal.nextWorkingDay(now.day);
  return {
    dispatch: isoOf(dispatch),
    earliest: isoOf(cal.addWorkingDays(dispatch, transit.min)),
    latest: isoOf(cal.addWorkingDays(dispatch, transit.max)),
  };
}
