import { fromLocal, safeZone, toLocal } from '../../../platform/time/zones.ts';

/**
 * Calendar maths in a workspace's time zone, with no dependency: recurrences keep their local wall-clock time across
 * daylight-saving changes ("every day at 09:00" stays 09:00), and "today" starts at local midnight.
 */
export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export { safeZone };

const daysInMonth = (y: number, mo: number) => new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();

/** The n-th occurrence after the anchor, counted from the anchor itself so month ends do not drift. */
export function occurrence(anchor: Date, frequency: Frequency, interval: number, n: number, tz: string): Date {
  const a = toLocal(anchor, tz);
  const steps = n * interval;
  switch (frequency) {
    case 'daily':
      return fromLocal({ ...a, d: a.d + steps }, tz);
    case 'weekly':
      return fromLocal({ ...a, d: a.d + 7 * steps }, tz);
    case 'monthly': {
      const m = a.mo + steps;
      const y = a.y + Math.floor(m / 12);
      const mo = ((m % 12) + 12) % 12;
      return fromLocal({ ...a, y, mo, d: Math.min(a.d, daysInMonth(y, mo)) }, tz);
    }
    case 'yearly': {
      const y = a.y + steps;
      return fromLocal({ ...a, y, d: Math.min(a.d, daysInMonth(y, a.mo)) }, tz);
    }
  }
}

const APPROX_MS: Record<Frequency, number> = {
  daily: 86_400_000,
  weekly: 7 * 86_400_000,
  monthly: 30.436875 * 86_400_000,
  yearly: 365.2425 * 86_400_000,
};

/**
 * The due date of the next occurrence: the first one of the series after both the previous due date and `now`, so a
 * daily task left open for a month spawns one task for tomorrow-ish, not thirty overdue ones.
 */
export function nextOccurrence(opts: {
  anchor: Date;
  previousDue: Date;
  now: Date;
  frequency: Frequency;
  interval: number;
  tz: string;
}): Date {
  const { anchor, frequency, interval, tz } = opts;
  const after = Math.max(opts.previousDue.getTime(), opts.now.getTime());
  // Jump close to the answer (month lengths and DST make the estimate off by at most one period), then step.
  const estimate = Math.floor((after - anchor.getTime()) / (APPROX_MS[frequency] * interval));
  let n = Math.max(1, estimate - 2);
  let at = occurrence(anchor, frequency, interval, n, tz);
  while (at.getTime() <= after) {
    n++;
    at = occurrence(anchor, frequency, interval, n, tz);
  }
  return at;
}

/** [start of today, start of tomorrow) in the zone: the "today" list; "overdue" is everything before it. */
export function dayBounds(now: Date, tz: string): { start: Date; end: Date } {
  const l = toLocal(now, tz);
  const midnight = { ...l, h: 0, mi: 0, s: 0, ms: 0 };
  return { start: fromLocal(midnight, tz), end: fromLocal({ ...midnight, d: l.d + 1 }, tz) };
}
