import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeAttendance, parseAttendance, parseDuration } from './attendance-csv.ts';
import { buildIcs } from './ics.ts';
import { reminderSchedule } from './reminders.ts';

describe('attendance files', () => {
  it('reads a Zoom webinar attendee report: preamble, sections, Attended = No, rejoins, BOM', () => {
    const csv = [
      'Attendee Report',
      'Report Generated:,"03/15/2026 12:00 PM"',
      'Topic,Webinar ID,Actual Start Time,Actual Duration (minutes)',
      'Export basics,123 456 789,"03/15/2026 10:00 AM",62',
      'Host Details',
      'Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes)',
      'Yes,Host,host@shop.example,"03/15/2026 09:55 AM","03/15/2026 11:02 AM",67',
      'Attendee Details',
      'Attended,First Name,Last Name,Email,Registration Time,Join Time,Leave Time,Time in Session (minutes),Country/Region Name',
      'Yes,Ana,Silva,ANA@example.org,"03/01/2026 08:00 AM","03/15/2026 10:01 AM","03/15/2026 10:30 AM",29,Portugal',
      'Yes,Ana,Silva,ana@example.org,"03/01/2026 08:00 AM","03/15/2026 10:35 AM","03/15/2026 11:00 AM",25,Portugal',
      'No,Bo,Berg,bo@example.net,"03/02/2026 08:00 AM",--,--,--,Sweden',
      'Yes,,,,,"03/15/2026 10:05 AM","03/15/2026 10:20 AM",15,',
    ].join('\r\n');
    const p = parseAttendance(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
    expect(p.encoding).toBe('utf-8');
    expect(p.columns).toMatchObject({ email: 'Email', minutes: 'Time in Session (minutes)', attended: 'Attended' });
    expect(p.rows.map((r) => [r.email, r.minutes, r.attended])).toEqual([
      ['host@shop.example', 67, true],
      ['ana@example.org', 29, true],
      ['ana@example.org', 25, true],
      ['bo@example.net', null, false],
      [null, 15, true],
    ]);
    expect(p.rows[1]!.line).toBe(10);
    expect(p.rows[4]!.raw).toContain('10:05 AM');
  });

  it('reads a Teams attendance list in UTF-16 with tabs, durations as "1h 2m 3s"', () => {
    const tsv = [
      'Full Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole',
      'Ana Silva\t3/15/26, 10:01:00 AM\t3/15/26, 11:03:10 AM\t1h 2m 10s\tana@example.org\tAttendee',
      'Chen Wei\t3/15/26, 10:10:00 AM\t3/15/26, 10:40:00 AM\t30m 0s\tchen@example.cn\tAttendee',
    ].join('\r\n');
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(tsv, 'utf-16le')]);
    const p = parseAttendance(buf);
    expect(p).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(p.rows.map((r) => [r.email, r.minutes])).toEqual([
      ['ana@example.org', 62],
      ['chen@example.cn', 30],
    ]);
  });

  it('falls back to join and leave times, semicolons, and UTF-16 without a BOM', () => {
    const csv = 'Name;E-mail address;Joined;Left\nAna;ana@example.org;2026-03-15 10:00:00;2026-03-15 10:45:30\n';
    const p = parseAttendance(iconv.encode(csv, 'utf-16le'));
    expect(p.encoding).toBe('utf-16le');
    expect(p.rows[0]).toMatchObject({ email: 'ana@example.org', minutes: 46 });
    expect(decodeAttendance(Buffer.from([0x63, 0x61, 0x66, 0xe9])).encoding).toBe('windows-1252');
  });

  it('reads durations in the shapes exports use', () => {
    expect(parseDuration('45', 'Duration (Minutes)')).toBe(45);
    expect(parseDuration('2700', 'Duration (seconds)')).toBe(45);
    expect(parseDuration('1:02:30', 'Duration')).toBe(63);
    expect(parseDuration('1 hr 5 min', 'Duration')).toBe(65);
    expect(parseDuration('--', 'Duration')).toBeNull();
  });
});

describe('reminder schedule', () => {
  const start = new Date('2026-03-15T10:00:00Z');
  it('puts each reminder its offset before the start, latest offset first', () => {
    expect(reminderSchedule(start, [60, 1440], new Date('2026-03-01T00:00:00Z'))).toEqual([
      { offsetMinutes: 1440, runAt: new Date('2026-03-14T10:00:00Z') },
      { offsetMinutes: 60, runAt: new Date('2026-03-15T09:00:00Z') },
    ]);
  });
  it('drops reminders whose instant has passed (registering 3 h before gets no "tomorrow" mail)', () => {
    expect(reminderSchedule(start, [1440, 60], new Date('2026-03-15T07:00:00Z'))).toEqual([
      { offsetMinutes: 60, runAt: new Date('2026-03-15T09:00:00Z') },
    ]);
    expect(reminderSchedule(start, [1440, 60], new Date('2026-03-15T09:30:00Z'))).toEqual([]);
  });
});

describe('ics', () => {
  it('escapes text, folds long lines at 75 octets, ends lines with CRLF', () => {
    const ics = buildIcs({
      uid: 'w1@freehold',
      title: 'Export, tariffs; and you',
      description: `Line one\nLine two ${'é'.repeat(60)}`,
      startsAt: new Date('2026-03-15T10:00:00Z'),
      durationMinutes: 90,
      now: new Date('2026-03-01T00:00:00Z'),
    });
    expect(ics).toContain('DTSTART:20260315T100000Z\r\nDTEND:20260315T113000Z\r\n');
    expect(ics).toContain('SUMMARY:Export\\, tariffs\\; and you\r\n');
    expect(ics).toContain('DESCRIPTION:Line one\\nLine two');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
