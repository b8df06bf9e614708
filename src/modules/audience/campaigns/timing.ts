/**
 * Pure time arithmetic of campaigns, tested without a clock: the next local HH:MM in a zone (recipient-time-zone
 * sends) and the token bucket behind `max_per_minute`.
 */
import { fromLocal, safeZone, toLocal } from '../../../platform/time/zones.ts';

/** A zone Intl knows, else the fallback: a bad value in a contact row must not stop a send. */
export function validZone(tz: string | null | undefined, fallback: string): string {
  return safeZone(tz, fallback);
}

export const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The first instant at or after `from` when the clocks of `tz` show `hhmm` ("09:00"). */
export function nextLocalTime(from: Date, hhmm: string, tz: string): Date {
  const m = LOCAL_TIME.exec(hhmm);
  if (!m) throw new Error(`"${hhmm}" is not HH:MM`);
  const [h, mi] = [Number(m[1]), Number(m[2])];
  const today = toLocal(from, tz);
  for (let add = 0; add <= 2; add++) {
    const at = fromLocal({ y: today.y, mo: today.mo, d: today.d + add, h, mi, s: 0, ms: 0 }, tz);
    if (at.getTime() >= from.getTime()) return at;
  }
  // Unreachable: two days later is always after `from`.
  return fromLocal({ y: today.y, mo: today.mo, d: today.d + 2, h, mi, s: 0, ms: 0 }, tz);
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
