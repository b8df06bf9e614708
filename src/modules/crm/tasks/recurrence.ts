/**
 * Calendar maths in a workspace's time zone, with no dependency: recurrences keep their local wall-clock time across
 * daylight-saving changes ("every day at 09:00" stays 09:00), and "today" starts at local midnight.
 */
export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

type Local = { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** A zone Intl knows, else UTC: a bad value in the workspace row must not break task lists. */
export function safeZone(tz: string): string {
  try {
    formatter(tz);
    return tz;
  } catch {
    return 'UTC';
  }
}

function toLocal(date: Date, tz: string): Local {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(date)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return {
    y: p.year ?? 1970,
    mo: (p.month ?? 1) - 1,
    d: p.day ?? 1,
    h: p.hour ?? 0,
    mi: p.minute ?? 0,
    s: p.second ?? 0,
    ms: date.getUTCMilliseconds(),
  };
}

const wallMs = (l: Local) => Date.UTC(l.y, l.mo, l.d, l.h, l.mi, l.s, l.ms);
const offsetAt = (utcMs: number, tz: string) => wallMs(toLocal(new Date(utcMs), tz)) - utcMs;

/**
 * The instant at which the zone's clocks show `l`. Fields may overflow (day 32 = next month) as with Date.UTC. The
 * offsets a day either side cover any transition: a wall time shown twice (autumn) takes the earlier instant; one that
 * never exists (spring gap) is read with the offset before the change (02:30 → 03:30).
 */
function fromLocal(l: Local, tz: string): Date {
  const wall = wallMs(l);
  const before = offsetAt(wall - 86_400_000, tz);
  const after = offsetAt(wall + 86_400_000, tz);
  const valid = [wall - before, wall - after].filter((t) => wall - offsetAt(t, tz) === t);
  return new Date(valid.length ? Math.min(...valid) : wall - before);
}

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
