import iconv from 'iconv-lite';
import { AppError } from '../../../platform/errors.ts';

export type ImportFormat = 'csv' | 'vcard' | 'xlsx';

/** How much of the file's head the detectors look at. */
export const SAMPLE_BYTES = 64 * 1024;

/** Encodings a user may force; the detector picks among the first six. */
export const ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1251',
  'windows-1250',
  'windows-1252',
  'iso-8859-1',
  'iso-8859-2',
  'iso-8859-5',
  'iso-8859-15',
  'koi8-r',
  'macintosh',
] as const;
export type ImportEncoding = (typeof ENCODINGS)[number];

export const DELIMITERS = [',', ';', '\t', '|'] as const;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** OLE2 compound file: old .xls, and any password-protected Office file. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const unsupported = (message: string) => new AppError('UNSUPPORTED_MEDIA', message, [{ field: 'file', message }]);

function claimedFormat(filename: string): ImportFormat | null {
  const ext = filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (['csv', 'txt', 'tsv', 'tab'].includes(ext)) return 'csv';
  if (['vcf', 'vcard'].includes(ext)) return 'vcard';
  if (['xlsx', 'xlsm'].includes(ext)) return 'xlsx';
  if (['xls', 'ods', 'numbers', 'xlsb'].includes(ext))
    throw unsupported(`"${filename}" is a .${ext} spreadsheet, which Freehold cannot read: save it as .xlsx or CSV.`);
  return null;
}

/**
 * Decides the format from the name the file claims and from its first bytes, and refuses a file whose content
 * contradicts its name: a mislabelled file is more often a mistake (wrong file picked) than a format to guess.
 */
export function detectFormat(filename: string, head: Buffer, encoding: ImportEncoding): ImportFormat {
  const claimed = claimedFormat(filename);
  const isZip = head.subarray(0, 4).equals(ZIP_MAGIC) || head.subarray(0, 4).equals(EMPTY_ZIP_MAGIC);
  const isOle = head.subarray(0, 8).equals(OLE_MAGIC);
  if (claimed === 'xlsx') {
    if (isOle)
      throw unsupported(
        `"${filename}" is not an XLSX workbook: it is an old .xls or a password-protected file. Save it as .xlsx without a password, or as CSV.`,
      );
    if (!isZip)
      throw unsupported(`"${filename}" is not an XLSX workbook (an .xlsx file is a zip archive; this is not).`);
    return 'xlsx';
  }
  if (isZip || isOle) {
    if (claimed === null && isZip) return 'xlsx';
    throw unsupported(`"${filename}" is not a text file: it looks like a spreadsheet or archive. Upload it as .xlsx.`);
  }
  const startsAsVcard = /^\s*BEGIN:VCARD/i.test(decodeSample(head, encoding).slice(0, 200));
  if (claimed === 'vcard') {
    if (!startsAsVcard) throw unsupported(`"${filename}" is not a vCard file: it does not start with BEGIN:VCARD.`);
    return 'vcard';
  }
  if (claimed === null && startsAsVcard) return 'vcard';
  return 'csv';
}

export function decodeSample(sample: Buffer, encoding: ImportEncoding): string {
  return iconv.decode(sample, encoding, { stripBOM: true });
}

/** A cut in the middle of a multi-byte character at the end of the sample must not count as invalid UTF-8. */
function trimPartialUtf8(buf: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? buf.subarray(0, buf.length - back) : buf;
    }
    return buf;
  }
  return buf;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
function isValidUtf8(buf: Buffer): boolean {
  try {
    utf8.decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** Refuses binary content sent as text: NUL bytes or many control characters never occur in CSV or vCard. */
export function assertTextual(sample: Buffer, filename: string): void {
  if (
    sample.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) ||
    sample.subarray(0, 2).equals(Buffer.from([0xfe, 0xff]))
  )
    return;
  let controls = 0;
  for (const b of sample) {
    if (b === 0) throw unsupported(`"${filename}" is binary data, not a text (CSV or vCard) file.`);
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  if (controls > Math.max(8, sample.length / 100))
    throw unsupported(`"${filename}" is binary data, not a text (CSV or vCard) file.`);
}

/**
 * BOM first, then strict UTF-8 validity (legacy single-byte text is almost never valid UTF-8 by accident), then a
 * heuristic among the usual Windows code pages. The user can override the guess.
 */
export function detectEncoding(sample: Buffer, complete: boolean): ImportEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (isValidUtf8(complete ? sample : trimPartialUtf8(sample))) return 'utf-8';
  return guessSingleByte(sample);
}

const isAsciiLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/**
 * Cyrillic words are runs made almost entirely of high bytes; Western and Central European words are mostly ASCII
 * with an accented letter here and there. Between Windows-1250 and -1252, bytes that are letters in one and
 * symbols or rarities in the other decide; a tie goes to Windows-1252 (a superset of Latin-1's printable range).
 */
function guessSingleByte(sample: Buffer): ImportEncoding {
  let highInWords = 0;
  let highInCyrillicRuns = 0;
  let i = 0;
  while (i < sample.length) {
    const start = i;
    let high = 0;
    while (i < sample.length && (sample[i]! >= 0x80 || isAsciiLetter(sample[i]!))) {
      if (sample[i]! >= 0x80) high++;
      i++;
    }
    const len = i - start;
    if (len === 0) {
      i++;
      continue;
    }
    highInWords += high;
    if (len >= 3 && high / len >= 0.8) highInCyrillicRuns += high;
  }
  if (highInWords > 0 && highInCyrillicRuns / highInWords >= 0.5) return 'windows-1251';
  let vote = 0;
  for (let j = 0; j < sample.length; j++) {
    vote += CENTRAL_VS_WESTERN[sample[j]!] ?? 0;
  }
  return vote > 0 ? 'windows-1250' : 'windows-1252';
}

/** Positive: the byte is a common letter in Windows-1250 and a symbol or a rare letter in Windows-1252. */
const CENTRAL_VS_WESTERN: Record<number, number> = {
  140: 2, // Ś vs Œ
  141: 3, // Ť vs undefined
  143: 3, // Ź vs undefined
  156: 2, // ś vs œ
  157: 3, // ť vs undefined
  159: 2, // ź vs Ÿ
  163: 3, // Ł vs £
  165: 3, // Ą vs ¥
  170: 2, // Ş vs ª
  175: 3, // Ż vs ¯
  179: 3, // ł vs ³
  185: 3, // ą vs ¹
  186: 2, // ş vs º
  190: 3, // ľ vs ¾
  191: 3, // ż vs ¿
  236: 1, // ě vs ì
  248: 1, // ř vs ø
  249: 1, // ů vs ù
  245: 1, // ő vs õ
  251: 1, // ű vs û
  242: 1, // ň vs ò
  224: -2, // ŕ vs à
  241: -1, // ń vs ñ
  227: -1, // ă vs ã
};

/**
 * The delimiter that splits the first lines into the most consistent number of columns. Quote-aware, so commas
 * inside quoted values do not count. Excel's `sep=;` first line wins outright.
 */
export function detectDelimiter(text: string, complete: boolean): string {
  const sep = text.match(/^sep=(.)\r?\n/i);
  if (sep) return sep[1]!;
  const counts: Record<string, number[]> = Object.fromEntries(DELIMITERS.map((d) => [d, []]));
  const current: Record<string, number> = Object.fromEntries(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 50; i++) {
    const c = text[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && c === '\n') {
      for (const d of DELIMITERS) {
        counts[d]!.push(current[d]!);
        current[d] = 0;
      }
      lines++;
    } else if (!inQuotes && c in current) current[c]!++;
  }
  if (complete && !inQuotes && DELIMITERS.some((d) => current[d]! > 0))
    for (const d of DELIMITERS) counts[d]!.push(current[d]!);
  let best: string = ',';
  let bestScore = 0;
  let bestColumns = 0;
  for (const d of DELIMITERS) {
    const perLine = counts[d]!;
    if (!perLine.length) continue;
    const freq = new Map<number, number>();
    for (const n of perLine) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    let modeLines = 0;
    let mode = 0;
    for (const [n, f] of freq) if (f > modeLines || (f === modeLines && n > mode)) [modeLines, mode] = [f, n];
    const score = modeLines / perLine.length;
    if (score > bestScore || (score === bestScore && score > 0 && mode > bestColumns)) {
      best = d;
      bestScore = score;
      bestColumns = mode;
    }
  }
  return best;
}
