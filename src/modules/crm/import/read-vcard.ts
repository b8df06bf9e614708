import fs from 'node:fs';
import { pipeline, type Transform } from 'node:stream';
import iconv from 'iconv-lite';
import { AppError } from '../../../platform/errors.ts';
import type { RecordReader } from './rows.ts';
import type { ImportEncoding } from './sniff.ts';

/** A vCard becomes one row with these columns, so the mapping screen treats it like any sheet. */
export const VCARD_HEADERS = [
  'Full name',
  'First name',
  'Last name',
  'Email',
  'Phone',
  'Company',
  'Title',
  'Street',
  'City',
  'Region',
  'Postcode',
  'Country',
  'Website',
  'Notes',
] as const;

/** Binary payloads (photos, logos, keys) can be megabytes of base64; they are dropped, never buffered. */
const BINARY_PROPS = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);
const MAX_LINE_CHARS = 1_000_000;

type Property = { name: string; params: Map<string, string[]>; value: string };

type Card = {
  fn: string;
  n: string[];
  emails: string[];
  tels: string[];
  org: string;
  title: string;
  adr: string[] | null;
  adrPreferred: boolean;
  urls: string[];
  notes: string[];
};

const emptyCard = (): Card => ({
  fn: '',
  n: [],
  emails: [],
  tels: [],
  org: '',
  title: '',
  adr: null,
  adrPreferred: false,
  urls: [],
  notes: [],
});

/**
 * A streaming vCard 2.1/3.0/4.0 reader: physical lines are unfolded (RFC 6350 §3.2: CRLF + one space or tab),
 * quoted-printable soft breaks (`=` at the end of a line, vCard 2.1/3.0 exports) are joined, and QP bytes are decoded
 * in the property's CHARSET. Only one card is held in memory at a time.
 */
export function readVcard(filePath: string, encoding: ImportEncoding): RecordReader {
  const file = fs.createReadStream(filePath, { highWaterMark: 256 * 1024 });
  let bytes = 0;
  file.on('data', (chunk) => {
    bytes += chunk.length;
  });
  // iconv-lite's decoder stream is a Transform that emits strings.
  const text = iconv.decodeStream(encoding, { stripBOM: true }) as unknown as Transform;
  pipeline(file, text, () => {
    // Errors surface through the iterator below.
  });

  async function* physicalLines(): AsyncGenerator<string> {
    let rest = '';
    for await (const chunk of text as AsyncIterable<string>) {
      rest += chunk;
      const parts = rest.split('\n');
      rest = parts.pop() ?? '';
      if (rest.length > MAX_LINE_CHARS) throw damaged('a line is longer than 1,000,000 characters');
      for (const p of parts) yield p.endsWith('\r') ? p.slice(0, -1) : p;
    }
    if (rest) yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
  }

  async function* logicalLines(): AsyncGenerator<string> {
    let cur: string | null = null;
    let dropping = false;
    for await (const line of physicalLines()) {
      if (cur !== null && isQpSoftBreak(cur)) {
        cur = cur.slice(0, -1) + line;
        continue;
      }
      if (cur !== null && (line.startsWith(' ') || line.startsWith('\t'))) {
        if (!dropping) cur += line.slice(1);
        if (cur.length > MAX_LINE_CHARS) throw damaged('a property is longer than 1,000,000 characters');
        continue;
      }
      // vCard 2.1 base64 blocks continue on unindented lines until an empty line.
      if (dropping && cur !== null && !line.includes(':') && line.trim() !== '') continue;
      if (cur !== null && !dropping) yield cur;
      cur = line;
      dropping = BINARY_PROPS.has(propertyName(line));
    }
    if (cur !== null && !dropping) yield cur;
  }

  let cardNo = 0;
  async function* records(): AsyncGenerator<{ rowNumber: number; cells: string[] }> {
    let card: Card | null = null;
    let depth = 0;
    try {
      for await (const line of logicalLines()) {
        if (!line.trim()) continue;
        const prop = parseProperty(line);
        if (!prop) continue;
        if (prop.name === 'BEGIN' && prop.value.trim().toUpperCase() === 'VCARD') {
          depth++;
          if (depth === 1) card = emptyCard();
          continue;
        }
        if (prop.name === 'END' && prop.value.trim().toUpperCase() === 'VCARD') {
          depth = Math.max(0, depth - 1);
          if (depth === 0 && card) {
            yield { rowNumber: ++cardNo, cells: toCells(card) };
            card = null;
          }
          continue;
        }
        // Nested cards (AGENT) describe someone else.
        if (card && depth === 1) addProperty(card, prop);
      }
    } finally {
      file.destroy();
    }
  }
  return { records: records(), bytesRead: () => bytes, close: () => file.destroy() };
}

const damaged = (why: string) => new AppError('BAD_REQUEST', `The vCard file is damaged: ${why}.`);

function propertyName(line: string): string {
  const m = line.match(/^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)/);
  return m?.[1]?.toUpperCase() ?? '';
}

function isQpSoftBreak(line: string): boolean {
  if (!line.endsWith('=')) return false;
  const colon = line.indexOf(':');
  return colon > 0 && /QUOTED-PRINTABLE/i.test(line.slice(0, colon));
}

/** Splits on `sep` outside double quotes (parameter values may be quoted and contain `;` or `:`). */
function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (const c of s) {
    if (c === '"') q = !q;
    if (c === sep && !q) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function parseProperty(line: string): Property | null {
  let q = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') q = !q;
    else if (line[i] === ':' && !q) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const [head = '', ...paramParts] = splitOutsideQuotes(line.slice(0, colon), ';');
  const name = head.replace(/^[A-Za-z0-9-]+\./, '').toUpperCase();
  const params = new Map<string, string[]>();
  for (const p of paramParts) {
    const eq = p.indexOf('=');
    // vCard 2.1 allows bare parameters: `TEL;CELL;QUOTED-PRINTABLE:…`.
    const key = eq < 0 ? (/^(QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i.test(p) ? 'ENCODING' : 'TYPE') : p.slice(0, eq);
    const values = (eq < 0 ? p : p.slice(eq + 1)).split(',').map((v) => v.replace(/^"|"$/g, '').trim());
    const k = key.toUpperCase();
    params.set(k, [...(params.get(k) ?? []), ...values]);
  }
  let value = line.slice(colon + 1);
  if (params.get('ENCODING')?.some((e) => e.toUpperCase() === 'QUOTED-PRINTABLE')) {
    const charset = params.get('CHARSET')?.[0] ?? 'utf-8';
    value = decodeQuotedPrintable(value, iconv.encodingExists(charset) ? charset : 'utf-8');
  }
  return { name, params, value };
}

function decodeQuotedPrintable(s: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
  }
  return iconv.decode(Buffer.from(bytes), charset);
}

/** Text value escapes of vCard 3/4 (`\n`, `\,`, `\;`, `\\`); structured values split on unescaped `;` first. */
function unescapeText(s: string): string {
  return s.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function splitStructured(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (c === ';') {
      out.push(unescapeText(cur).trim());
      cur = '';
    } else cur += c;
  }
  out.push(unescapeText(cur).trim());
  return out;
}

const isPreferred = (p: Property) =>
  (p.params.get('TYPE') ?? []).some((t) => t.toLowerCase() === 'pref') || (p.params.get('PREF') ?? []).length > 0;

function addProperty(card: Card, p: Property): void {
  switch (p.name) {
    case 'FN':
      card.fn ||= unescapeText(p.value).trim();
      break;
    case 'N':
      if (!card.n.length) card.n = splitStructured(p.value);
      break;
    case 'EMAIL': {
      const v = unescapeText(p.value).trim();
      if (v) isPreferred(p) ? card.emails.unshift(v) : card.emails.push(v);
      break;
    }
    case 'TEL': {
      const v = unescapeText(p.value).trim().replace(/^tel:/i, '').replace(/;.*$/, '');
      if (v) isPreferred(p) ? card.tels.unshift(v) : card.tels.push(v);
      break;
    }
    case 'ORG':
      card.org ||= splitStructured(p.value)[0] ?? '';
      break;
    case 'TITLE':
      card.title ||= unescapeText(p.value).trim();
      break;
    case 'ADR':
      if (!card.adr || (!card.adrPreferred && isPreferred(p))) {
        card.adr = splitStructured(p.value);
        card.adrPreferred = isPreferred(p);
      }
      break;
    case 'URL': {
      const v = unescapeText(p.value).trim();
      if (v) card.urls.push(v);
      break;
    }
    case 'NOTE': {
      const v = unescapeText(p.value).trim();
      if (v) card.notes.push(v);
      break;
    }
  }
}

function toCells(c: Card): string[] {
  const [family = '', given = ''] = c.n;
  // ADR: post office box; extended address; street; locality; region; postal code; country.
  const a = c.adr ?? [];
  const street = [a[2], a[1], a[0]].filter((s) => s?.trim()).join(', ');
  return [
    c.fn,
    given,
    family,
    c.emails.join('; '),
    c.tels.join('; '),
    c.org,
    c.title,
    street,
    a[3] ?? '',
    a[4] ?? '',
    a[5] ?? '',
    a[6] ?? '',
    c.urls[0] ?? '',
    c.notes.join('\n'),
  ];
}
