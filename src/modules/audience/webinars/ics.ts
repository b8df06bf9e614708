/**
 * An iCalendar (RFC 5545) file for one event: what "Add to calendar" downloads. Text values are escaped (backslash,
 * semicolon, comma, newline) and lines folded at 75 octets, as the RFC requires; lines end with CRLF.
 */
export function buildIcs(ev: {
  uid: string;
  title: string;
  description?: string | null;
  startsAt: Date;
  durationMinutes: number;
  url?: string | null;
  location?: string | null;
  now?: Date;
}): string {
  const end = new Date(ev.startsAt.getTime() + ev.durationMinutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Freehold//Webinars//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${ev.uid}`,
    `DTSTAMP:${stamp(ev.now ?? new Date())}`,
    `DTSTART:${stamp(ev.startsAt)}`,
    `DTEND:${stamp(end)}`,
    `SUMMARY:${text(ev.title)}`,
    ...(ev.description ? [`DESCRIPTION:${text(ev.description)}`] : []),
    ...(ev.location ? [`LOCATION:${text(ev.location)}`] : []),
    ...(ev.url ? [`URL:${ev.url}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

const text = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Folds a content line into ≤ 75-octet pieces, never splitting a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with one space
    if (octets + n > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
