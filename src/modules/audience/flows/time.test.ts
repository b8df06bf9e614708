import { describe, expect, it } from 'vitest';
import { afterDuration, anniversaryDays, atDateField, fromLocal, nextWeekdayAt, toLocal, waitUntil } from './time.ts';

const AMS = 'Europe/Amsterdam';
const NY = 'America/New_York';
const iso = (d: Date | null) => d?.toISOString();

describe('wait instants', () => {
  it('keeps the local hour when days cross the spring change (Amsterdam, 29 March 2026)', () => {
    // Saturday 28 March 10:00 CET = 09:00Z; two days later is Monday 30 March 10:00 CEST = 08:00Z.
    const from = new Date('2026-03-28T09:00:00Z');
    expect(iso(afterDuration(from, 2, 'days', AMS))).toBe('2026-03-30T08:00:00.000Z');
    // Hours are elapsed time: 48 h later the clocks show 11:00.
    expect(iso(afterDuration(from, 48, 'hours', AMS))).toBe('2026-03-30T09:00:00.000Z');
    expect(iso(afterDuration(from, 90, 'minutes', AMS))).toBe('2026-03-28T10:30:00.000Z');
  });

  it('keeps the local hour across the autumn change and over weeks', () => {
    // Friday 23 October 2026 10:00 CEST = 08:00Z; a week later is 30 October 10:00 CET = 09:00Z.
    expect(iso(afterDuration(new Date('2026-10-23T08:00:00Z'), 1, 'weeks', AMS))).toBe('2026-10-30T09:00:00.000Z');
  });

  it('finds the next chosen weekday and hour in the contact’s zone', () => {
    // Wednesday 4 March 2026 15:00Z = 10:00 in New York. Tuesday and Thursday at 09:00 local → Thursday 5 March,
    // 09:00 EST = 14:00Z.
    const from = new Date('2026-03-04T15:00:00Z');
    expect(iso(nextWeekdayAt(from, [2, 4], 9, 0, NY))).toBe('2026-03-05T14:00:00.000Z');
    // Wednesday itself at 11:30 local is still ahead today.
    expect(iso(nextWeekdayAt(from, [3], 11, 30, NY))).toBe('2026-03-04T16:30:00.000Z');
    // Wednesday at 09:00 has passed: a week later, and New York has moved to summer time (8 March) → 13:00Z.
    expect(iso(nextWeekdayAt(from, [3], 9, 0, NY))).toBe('2026-03-11T13:00:00.000Z');
  });

  it('reads the same instant as a different day in another zone', () => {
    // Monday 2 March 2026 23:30 in New York is already Tuesday 05:30 in Amsterdam.
    const from = new Date('2026-03-03T04:30:00Z');
    expect(iso(nextWeekdayAt(from, [1], 23, 45, NY))).toBe('2026-03-03T04:45:00.000Z');
    expect(iso(nextWeekdayAt(from, [2], 6, 0, AMS))).toBe('2026-03-03T05:00:00.000Z');
  });

  it('moves a time in the spring gap forward and takes the first of a doubled autumn hour', () => {
    // 02:30 does not exist in Amsterdam on 29 March 2026: it is read as 03:30 CEST = 01:30Z.
    expect(iso(fromLocal({ y: 2026, mo: 2, d: 29, h: 2, mi: 30, s: 0, ms: 0 }, AMS))).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the first (CEST) = 00:30Z.
    expect(iso(fromLocal({ y: 2026, mo: 9, d: 25, h: 2, mi: 30, s: 0, ms: 0 }, AMS))).toBe('2026-10-25T00:30:00.000Z');
    // A Sunday-02:30 weekly wait on the spring day lands at 03:30 local.
    expect(iso(nextWeekdayAt(new Date('2026-03-28T12:00:00Z'), [0], 2, 30, AMS))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('waits until a date field with an offset, at an hour, in the zone', () => {
    // Renewal 2026-07-15, three days before, at 09:00 Amsterdam summer time = 07:00Z.
    expect(iso(atDateField('2026-07-15', -3, 9, AMS))).toBe('2026-07-12T07:00:00.000Z');
    // An instant (created_at) is first read as a local day: 2026-01-31T23:30Z is 1 February in Amsterdam.
    expect(iso(atDateField(new Date('2026-01-31T23:30:00Z'), 0, 8, AMS))).toBe('2026-02-01T07:00:00.000Z');
    expect(atDateField('not a date', 0, 9, AMS)).toBeNull();
    const cfg = { mode: 'date_field', field: 'custom.renewal', offsetDays: 1, hour: 10 } as const;
    expect(iso(waitUntil(cfg, new Date(), NY, '2026-12-31'))).toBe('2027-01-01T15:00:00.000Z');
    expect(waitUntil(cfg, new Date(), NY, null)).toBeNull();
  });

  it('gives 29 February birthdays their day on 28 February of common years, by local date', () => {
    expect(anniversaryDays(new Date('2027-02-28T12:00:00Z'), AMS).monthDays).toEqual(['02-28', '02-29']);
    expect(anniversaryDays(new Date('2028-02-28T12:00:00Z'), AMS).monthDays).toEqual(['02-28']);
    // 23:30Z on 14 March is already 15 March in Tokyo.
    expect(anniversaryDays(new Date('2026-03-14T23:30:00Z'), 'Asia/Tokyo')).toMatchObject({
      date: '2026-03-15',
      monthDays: ['03-15'],
    });
    expect(toLocal(new Date('2026-03-14T23:30:00Z'), 'Asia/Tokyo').d).toBe(15);
  });
});
