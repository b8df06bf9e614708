import { describe, expect, it } from 'vitest';
import { FailureMonitor } from './send-batch.ts';
import { type Bucket, bucketCapacity, computeWaves, drawTokens, nextLocalTime } from './timing.ts';

describe('nextLocalTime', () => {
  it('is later the same day when the local time is still ahead, else the next day', () => {
    // 06:00 UTC = 08:00 in Amsterdam (summer, UTC+2).
    const from = new Date('2026-06-10T06:00:00Z');
    expect(nextLocalTime(from, '09:30', 'Europe/Amsterdam').toISOString()).toBe('2026-06-10T07:30:00.000Z');
    expect(nextLocalTime(from, '07:00', 'Europe/Amsterdam').toISOString()).toBe('2026-06-11T05:00:00.000Z');
    // Exactly now counts as now.
    expect(nextLocalTime(from, '08:00', 'Europe/Amsterdam').toISOString()).toBe('2026-06-10T06:00:00.000Z');
  });

  it('follows each zone: Tokyo before New York for the same local hour', () => {
    const from = new Date('2026-01-15T00:00:00Z'); // 09:00 in Tokyo, 19:00 the day before in New York
    expect(nextLocalTime(from, '10:00', 'Asia/Tokyo').toISOString()).toBe('2026-01-15T01:00:00.000Z');
    expect(nextLocalTime(from, '10:00', 'America/New_York').toISOString()).toBe('2026-01-15T15:00:00.000Z');
  });

  it('keeps the wall-clock hour across daylight-saving changes', () => {
    // Europe/Amsterdam goes to summer time on 2026-03-29 at 02:00 local.
    const before = new Date('2026-03-28T12:00:00Z');
    expect(nextLocalTime(before, '09:00', 'Europe/Amsterdam').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    // 02:30 does not exist that night: it is read with the winter offset, i.e. 03:30 summer time.
    expect(nextLocalTime(before, '02:30', 'Europe/Amsterdam').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('rejects what is not HH:MM', () => {
    expect(() => nextLocalTime(new Date(), '9:00', 'UTC')).toThrow();
    expect(() => nextLocalTime(new Date(), '24:00', 'UTC')).toThrow();
  });
});

describe('computeWaves', () => {
  it('gives each zone its own instant; no zone or a bad zone means the workspace’s', () => {
    const from = new Date('2026-01-15T00:00:00Z');
    const waves = computeWaves(from, '10:00', [null, 'Asia/Tokyo', 'Not/AZone'], 'Europe/Lisbon');
    expect(waves.map((w) => [w.tz, w.at.toISOString()])).toEqual([
      [null, '2026-01-15T10:00:00.000Z'],
      ['Asia/Tokyo', '2026-01-15T01:00:00.000Z'],
      ['Not/AZone', '2026-01-15T10:00:00.000Z'],
    ]);
  });
});

describe('token bucket', () => {
  /** Replays a sender asking for `chunk` tokens whenever it can, waiting exactly as told; returns each grant time. */
  function simulate(perMinute: number, total: number, chunk: number): number[] {
    let bucket: Bucket = { tokens: bucketCapacity(perMinute), refilledAt: 0 };
    let now = 0;
    const times: number[] = [];
    while (times.length < total) {
      const r = drawTokens(bucket, perMinute, Math.min(chunk, total - times.length), now);
      bucket = r.bucket;
      for (let i = 0; i < r.granted; i++) times.push(now);
      if (r.granted === 0) now += r.waitMs;
    }
    return times;
  }

  it('starts with a five-second burst, then spaces messages at the account’s rate', () => {
    const times = simulate(60, 20, 10);
    expect(bucketCapacity(60)).toBe(5);
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // One per second after the burst.
    expect(times.slice(5, 10)).toEqual([1000, 2000, 3000, 4000, 5000]);
  });

  it('never exceeds the rate plus the burst in any minute', () => {
    for (const perMinute of [7, 60, 600, 3000]) {
      const times = simulate(perMinute, perMinute * 3, 50);
      // Grant times are in order: a sliding window counts the sends in each minute that starts at a send.
      let most = 0;
      let end = 0;
      for (let i = 0; i < times.length; i++) {
        while (end < times.length && times[end]! < times[i]! + 60_000) end++;
        most = Math.max(most, end - i);
      }
      expect(most).toBeLessThanOrEqual(perMinute + Math.ceil(bucketCapacity(perMinute)));
      // And keeps up with it: three minutes of mail takes no longer than three minutes.
      expect(times[times.length - 1]!).toBeLessThanOrEqual(3 * 60_000);
    }
  });

  it('a slow account still sends one at a time', () => {
    expect(bucketCapacity(6)).toBe(1);
    expect(simulate(6, 3, 10)).toEqual([0, 10_000, 20_000]);
  });
});

describe('FailureMonitor', () => {
  const limits = { maxConsecutiveFailures: 3, maxFailureRate: 0.3, failureWindow: 10 };

  it('pauses after N temporary failures in a row, with the server’s last answer', () => {
    const m = new FailureMonitor(limits);
    expect(m.transient('421 busy')).toBeNull();
    m.ok();
    expect(m.transient('421 busy')).toBeNull();
    expect(m.transient('421 busy')).toBeNull();
    expect(m.transient('451 4.3.0 try later')).toMatch(/3 messages in a row.*451 4\.3\.0 try later/);
  });

  it('pauses when too large a share of recent sends failed, even when not in a row', () => {
    const m = new FailureMonitor(limits);
    const verdicts: (string | null)[] = [];
    for (let i = 0; i < 12; i++) {
      if (i % 2 === 0) verdicts.push(m.transient('421 slow down'));
      else m.ok();
    }
    expect(verdicts.some((v) => v?.includes('of the last 10 messages'))).toBe(true);
  });
});
