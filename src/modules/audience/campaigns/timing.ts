/**
 * Pure time arithmetic of campaigns, tested without a clock: the next local HH:MM in a zone (recipient-time-zone
 * sends) and the token bucket behind `max_per_minute`.
 */

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

/** A zone Intl knows, else the fallback: a bad value in a contact row must not stop a send. */
export function validZone(tz: string | null | undefined, fallback: string): string {
  if (!tz) return fallback;
  try {
    formatter(tz);
    return tz;
  } catch {
    return fallback;
  }
}

type Wall = { y: number; mo: number; d: number; h: number; mi: number };

function wallOf(date: Date, tz: string): Wall {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(date)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year ?? 1970, mo: (p.month ?? 1) - 1, d: p.day ?? 1, h: p.hour ?? 0, mi: p.minute ?? 0 };
}

const wallMs = (w: Wall) => Date.UTC(w.y, w.mo, w.d, w.h, w.mi);
const offsetAt = (utcMs: number, tz: string) => {
  const w = wallOf(new Date(utcMs), tz);
  return wallMs(w) - Math.floor(utcMs / 60_000) * 60_000;
};

/**
 * The instant the zone's clocks show `w`. A wall time shown twice (autumn) takes the earlier instant; one that never
 * exists (the spring gap) is read with the offset before the change, so 02:30 becomes 03:30.
 */
function fromWall(w: Wall, tz: string): Date {
  const wall = wallMs(w);
  const before = offsetAt(wall - 86_400_000, tz);
  const after = offsetAt(wall + 86_400_000, tz);
  const valid = [wall - before, wall - after].filter((t) => wall - offsetAt(t, tz) === t);
  return new Date(valid.length ? Math.min(...valid) : wall - before);
}

export const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The first instant at or after `from` when the clocks of `tz` show `hhmm` ("09:00"). */
export function nextLocalTime(from: Date, hhmm: string, tz: string): Date {
  const m = LOCAL_TIME.exec(hhmm);
  if (!m) throw new Error(`"${hhmm}" is not HH:MM`);
  const [h, mi] = [Number(m[1]), Number(m[2])];
  const today = wallOf(from, tz);
  for (let add = 0; add <= 2; add++) {
    const at = fromWall({ y: today.y, mo: today.mo, d: today.d + add, h, mi }, tz);
    if (at.getTime() >= from.getTime()) return at;
  }
  // Unreachable: two days later is always after `from`.
  return fromWall({ y: today.y, mo: today.mo, d: today.d + 2, h, mi }, tz);
}

/** One wave per distinct recipient zone (raw value as stored; bad zones fall back to the workspace's). */
export function computeWaves(
  from: Date,
  hhmm: string,
  zones: (string | null)[],
  workspaceTz: string,
): { tz: string | null; at: Date }[] {
  const wsZone = validZone(workspaceTz, 'UTC');
  return zones.map((tz) => ({ tz, at: nextLocalTime(from, hhmm, validZone(tz, wsZone)) }));
}

// ---- Throttle -------------------------------------------------------------------------------------------------------

export type Bucket = { tokens: number; refilledAt: number };

/** Burst size: five seconds' worth, at least one message. Keeps a large account smooth and a tiny one usable. */
export const bucketCapacity = (perMinute: number): number => Math.max(1, perMinute / 12);

/**
 * Draws up to `want` tokens from a bucket refilled at `perMinute`/60 per second. Returns how many were granted, the
 * new bucket, and — when none could be granted — how long until the next whole token.
 */
export function drawTokens(
  bucket: Bucket,
  perMinute: number,
  want: number,
  now: number,
): { granted: number; bucket: Bucket; waitMs: number } {
  const perMs = perMinute / 60_000;
  const cap = bucketCapacity(perMinute);
  const elapsed = Math.max(0, now - bucket.refilledAt);
  const tokens = Math.min(cap, bucket.tokens + elapsed * perMs);
  const granted = Math.max(0, Math.min(want, Math.floor(tokens + 1e-9)));
  const left = tokens - granted;
  const waitMs = granted > 0 ? 0 : Math.ceil((1 - left) / perMs);
  return { granted, bucket: { tokens: left, refilledAt: now }, waitMs };
}
