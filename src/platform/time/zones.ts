/**
 * Wall-clock arithmetic in IANA time zones with Intl alone (no dependency): tasks, flows and campaigns all keep a local
 * time ("09:00 where the contact lives") across daylight-saving changes with these two conversions.
 */
export type Local = { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number };

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

/** A zone Intl knows, else the fallback: a bad value stored in a row must not stop a task list, a flow or a send. */
export function safeZone(tz: string | null | undefined, fallback = 'UTC'): string {
  if (!tz) return fallback;
  try {
    formatter(tz);
    return tz;
  } catch {
    return fallback;
  }
}

/** What the zone's clocks show at `date` (month 0-based, as in Date). */
export function toLocal(date: Date, tz: string): Local {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(date)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return {
    y: p.year ?? 1970,
    mo: (p.month ?? 1) - 1,
    d: p.day ?? 1,
    h: p.hour ?? 0,
    mi: p.minute ?? 0,
    s: p.second ?? 0,
    ms: ((date.getTime() % 1000) + 1000) % 1000,
  };
}

const wallMs = (l: Local) => Date.UTC(l.y, l.mo, l.d, l.h, l.mi, l.s, l.ms);
const offsetAt = (utcMs: number, tz: string) => wallMs(toLocal(new Date(utcMs), tz)) - utcMs;

/**
 * The instant at which the zone's clocks show `l`. Fields may overflow (day 32 = next month) as with Date.UTC. The
 * offsets a day either side cover any transition: a wall time shown twice (autumn) takes the earlier instant; one that
 * never exists (spring gap) is read with the offset before the change (02:30 → 03:30).
 */
export function fromLocal(l: Local, tz: string): Date {
  const wall = wallMs(l);
  const before = offsetAt(wall - 86_400_000, tz);
  const after = offsetAt(wall + 86_400_000, tz);
  const valid = [wall - before, wall - after].filter((t) => wall - offsetAt(t, tz) === t);
  return new Date(valid.length ? Math.min(...valid) : wall - before);
}
