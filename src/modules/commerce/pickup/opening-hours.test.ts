import { describe, expect, it } from 'vitest';
import { isOpenAt, localDate } from './open-at.ts';
import { formatOpeningHours, HoursSyntaxError, type OpeningHours, parseOpeningHours } from './opening-hours.ts';

describe('opening hours: the compact syntax', () => {
  it('parses weekday spans, lists, several ranges a day and closed days', () => {
    expect(parseOpeningHours('Mo-Fr 09:00-12:00,13:00-18:00; Sa 10:00-14:00; Su off')).toEqual({
      weekly: {
        mo: [
          { from: '09:00', to: '12:00' },
          { from: '13:00', to: '18:00' },
        ],
        tu: [
          { from: '09:00', to: '12:00' },
          { from: '13:00', to: '18:00' },
        ],
        we: [
          { from: '09:00', to: '12:00' },
          { from: '13:00', to: '18:00' },
        ],
        th: [
          { from: '09:00', to: '12:00' },
          { from: '13:00', to: '18:00' },
        ],
        fr: [
          { from: '09:00', to: '12:00' },
          { from: '13:00', to: '18:00' },
        ],
        sa: [{ from: '10:00', to: '14:00' }],
      },
      exceptions: [],
    });
    expect(parseOpeningHours('mo, we , fr 9:00-17:30').weekly).toEqual({
      mo: [{ from: '09:00', to: '17:30' }],
      we: [{ from: '09:00', to: '17:30' }],
      fr: [{ from: '09:00', to: '17:30' }],
    });
    expect(Object.keys(parseOpeningHours('Fr-Mo 10:00-16:00').weekly)).toEqual(['fr', 'sa', 'su', 'mo']);
    expect(Object.keys(parseOpeningHours('24/7').weekly)).toHaveLength(7);
  });

  it('lets a later rule replace an earlier one for the same day', () => {
    const h = parseOpeningHours('Mo-Fr 09:00-18:00; We 09:00-13:00; Fr off');
    expect(h.weekly.we).toEqual([{ from: '09:00', to: '13:00' }]);
    expect(h.weekly.fr).toBeUndefined();
  });

  it('parses dated exceptions: a closed day, special hours, a closed span', () => {
    expect(
      parseOpeningHours('Mo-Sa 10:00-20:00; 2026-12-24 10:00-14:00; 2026-12-25 off; 2026-12-27..2026-12-31 closed')
        .exceptions,
    ).toEqual([
      { date: '2026-12-24', ranges: [{ from: '10:00', to: '14:00' }] },
      { date: '2026-12-25', ranges: [] },
      { date: '2026-12-27', until: '2026-12-31', ranges: [] },
    ]);
  });

  it.each([
    ['Mo-Fx 09:00-18:00', /"Fx" is not a weekday/],
    ['Mo 9-18', /is not a time range like 09:00-18:00/],
    ['Mo 09:00-25:00', /"25:00" is not a time/],
    ['Mo 10:00-10:00', /is empty/],
    ['Mo 09:00-13:00,12:00-18:00', /overlaps/],
    ['2026-02-30 off', /"2026-02-30" is not a date/],
    ['2026-03-05..2026-03-01 off', /is before/],
    ['09:00-18:00', /expected days then hours/],
  ])('refuses %s, naming the problem', (text, message) => {
    expect(() => parseOpeningHours(text)).toThrow(HoursSyntaxError);
    expect(() => parseOpeningHours(text)).toThrow(message);
  });

  it('formats back to the same hours, grouping equal consecutive days', () => {
    const text = 'Mo-Fr 09:00-12:00,13:00-18:00; Sa 10:00-14:00; 2026-12-25 off; 2026-12-27..2026-12-31 09:00-12:00';
    const h = parseOpeningHours(text);
    expect(formatOpeningHours(h)).toBe(text);
    expect(parseOpeningHours(formatOpeningHours(h))).toEqual(h);
    expect(formatOpeningHours(parseOpeningHours('Mo-Su 00:00-24:00'))).toBe('24/7');
    expect(formatOpeningHours(parseOpeningHours('Mo 09:00-10:00; We 09:00-10:00'))).toBe(
      'Mo 09:00-10:00; We 09:00-10:00',
    );
  });
});

describe('opening hours: open at an instant', () => {
  const berlin = 'Europe/Berlin';
  const at = (iso: string) => new Date(iso);
  const shop: OpeningHours = parseOpeningHours(
    'Mo-Fr 09:00-18:00; Sa 10:00-14:00; 2026-12-24 10:00-13:00; 2026-12-25..2026-12-26 off',
  );

  it.each([
    // 2026-03-02 is a Monday; Berlin is UTC+1 in winter.
    ['2026-03-02T07:59:00Z', false, 'Monday 08:59 local'],
    ['2026-03-02T08:00:00Z', true, 'Monday 09:00 local: opening minute'],
    ['2026-03-02T16:59:00Z', true, 'Monday 17:59 local'],
    ['2026-03-02T17:00:00Z', false, 'Monday 18:00 local: closing minute is closed'],
    ['2026-03-07T12:00:00Z', true, 'Saturday 13:00'],
    ['2026-03-08T12:00:00Z', false, 'Sunday'],
    ['2026-12-24T12:30:00Z', false, 'Christmas Eve 13:30: special hours end at 13:00'],
    ['2026-12-24T09:30:00Z', true, 'Christmas Eve 10:30'],
    ['2026-12-25T10:00:00Z', false, 'a closed span (Friday)'],
    ['2026-12-26T10:00:00Z', false, 'a closed span (Saturday)'],
  ])('%s → %s (%s)', (iso, open) => {
    expect(isOpenAt(shop, at(iso), berlin)).toBe(open);
  });

  it('keeps local hours across daylight saving time', () => {
    // 2026-03-30 Monday: Berlin is UTC+2 after the change on 2026-03-29.
    expect(isOpenAt(shop, at('2026-03-30T07:00:00Z'), berlin)).toBe(true);
    expect(isOpenAt(shop, at('2026-03-30T06:59:00Z'), berlin)).toBe(false);
    expect(isOpenAt(shop, at('2026-03-02T07:00:00Z'), berlin)).toBe(false);
  });

  it('evaluates the same instant differently in different zones', () => {
    const h = parseOpeningHours('Mo-Su 09:00-17:00');
    const instant = at('2026-06-01T14:00:00Z');
    expect(isOpenAt(h, instant, 'Europe/London')).toBe(true); // 15:00
    expect(isOpenAt(h, instant, 'Asia/Tokyo')).toBe(false); // 23:00
    expect(isOpenAt(h, instant, 'America/New_York')).toBe(true); // 10:00
    expect(localDate(at('2026-06-01T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-06-02');
  });

  it('counts overnight ranges on the day they start, also into the next week', () => {
    const bar = parseOpeningHours('Fr-Sa 20:00-02:00; Su 22:00-03:00');
    const utc = 'UTC';
    expect(isOpenAt(bar, at('2026-03-06T21:00:00Z'), utc)).toBe(true); // Friday 21:00
    expect(isOpenAt(bar, at('2026-03-07T01:59:00Z'), utc)).toBe(true); // Saturday 01:59 (Friday's range)
    expect(isOpenAt(bar, at('2026-03-07T02:00:00Z'), utc)).toBe(false);
    expect(isOpenAt(bar, at('2026-03-08T01:00:00Z'), utc)).toBe(true); // Sunday 01:00 (Saturday's range)
    expect(isOpenAt(bar, at('2026-03-09T02:30:00Z'), utc)).toBe(true); // Monday 02:30 (Sunday's range)
    expect(isOpenAt(bar, at('2026-03-09T03:00:00Z'), utc)).toBe(false);
    expect(isOpenAt(bar, at('2026-03-05T01:00:00Z'), utc)).toBe(false); // Thursday: Wednesday has none
  });

  it('lets an exception on the starting day cut its overnight range, but not the day before’s', () => {
    const bar = parseOpeningHours('Fr-Sa 20:00-02:00; 2026-03-07 off');
    // Saturday closed: Friday's range still runs to 02:00 on Saturday, Saturday's own evening is gone.
    expect(isOpenAt(bar, at('2026-03-07T01:00:00Z'), 'UTC')).toBe(true);
    expect(isOpenAt(bar, at('2026-03-07T21:00:00Z'), 'UTC')).toBe(false);
    expect(isOpenAt(bar, at('2026-03-08T01:00:00Z'), 'UTC')).toBe(false);
  });

  it('treats 24:00 as the end of the day', () => {
    const h = parseOpeningHours('Mo 18:00-24:00');
    expect(isOpenAt(h, at('2026-03-02T23:59:00Z'), 'UTC')).toBe(true);
    expect(isOpenAt(h, at('2026-03-03T00:00:00Z'), 'UTC')).toBe(false);
  });
});
