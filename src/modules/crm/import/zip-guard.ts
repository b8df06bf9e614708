import fs from 'node:fs/promises';
import { AppError } from '../../../platform/errors.ts';

/** An honest workbook of a million rows stays well below these; a zip bomb does not. */
export const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
export const MAX_COMPRESSION_RATIO = 100;
const MAX_ENTRIES = 10_000;
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;

export type ZipEntry = { name: string; compressed: number; uncompressed: number };

const refuse = (filename: string, why: string) => {
  const message = `"${filename}" is not a workbook Freehold will open: ${why}`;
  return new AppError('UNSUPPORTED_MEDIA', message, [{ field: 'file', message }]);
};

/**
 * Reads the zip's central directory (never the compressed data) and refuses the file before any parser inflates it:
 * a declared total above 200 MB, or a compression ratio no real spreadsheet has, means a zip bomb. The sizes are
 * the archive's own claims; the XLSX reader only ever streams, so a lying archive still cannot exhaust memory.
 */
export async function assertSafeXlsx(filePath: string, filename: string): Promise<ZipEntry[]> {
  const fh = await fs.open(filePath, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65_535 + 22);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw refuse(filename, 'the zip archive is damaged (no central directory).');
    let entries = tail.readUInt16LE(eocd + 10);
    let dirSize = tail.readUInt32LE(eocd + 12);
    let dirOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR_SIG) throw refuse(filename, 'damaged ZIP64 directory.');
      const z64Offset = Number(tail.readBigUInt64LE(loc + 8));
      const z64 = Buffer.alloc(56);
      await fh.read(z64, 0, 56, z64Offset);
      if (z64.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw refuse(filename, 'damaged ZIP64 directory.');
      entries = Number(z64.readBigUInt64LE(32));
      dirSize = Number(z64.readBigUInt64LE(40));
      dirOffset = Number(z64.readBigUInt64LE(48));
    }
    if (entries > MAX_ENTRIES || dirSize > MAX_DIRECTORY_BYTES || dirOffset + dirSize > size)
      throw refuse(filename, 'its zip directory is implausibly large.');
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirOffset);
    const list = parseCentralDirectory(dir, entries, filename);
    checkSizes(list, filename);
    if (!list.some((e) => e.name === 'xl/workbook.xml'))
      throw refuse(filename, 'it is a zip archive but not an Excel workbook (no xl/workbook.xml).');
    return list;
  } finally {
    await fh.close();
  }
}

function parseCentralDirectory(dir: Buffer, count: number, filename: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL_SIG) throw refuse(filename, 'damaged zip directory.');
    let compressed = dir.readUInt32LE(p + 20);
    let uncompressed = dir.readUInt32LE(p + 24);
    const nameLen = dir.readUInt16LE(p + 28);
    const extraLen = dir.readUInt16LE(p + 30);
    const commentLen = dir.readUInt16LE(p + 32);
    const name = dir.toString('utf8', p + 46, p + 46 + nameLen);
    // ZIP64 keeps the real sizes in extra field 0x0001, in this order, only for the values saturated above.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = dir.readUInt16LE(e);
      const len = dir.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressed === 0xffffffff && q + 8 <= e + 4 + len) {
          uncompressed = Number(dir.readBigUInt64LE(q));
          q += 8;
        }
        if (compressed === 0xffffffff && q + 8 <= e + 4 + len) compressed = Number(dir.readBigUInt64LE(q));
      }
      e += 4 + len;
    }
    out.push({ name, compressed, uncompressed });
    p = extraEnd + commentLen;
  }
  return out;
}

function checkSizes(list: ZipEntry[], filename: string): void {
  let total = 0;
  let compressedTotal = 0;
  for (const e of list) {
    total += e.uncompressed;
    compressedTotal += e.compressed;
    // Tiny parts (a 2 KB styles.xml) legitimately compress far; only large parts can be bombs.
    if (e.uncompressed > 1024 * 1024 && e.uncompressed > MAX_COMPRESSION_RATIO * Math.max(1, e.compressed))
      throw refuse(
        filename,
        `"${e.name}" claims to inflate ${Math.round(e.uncompressed / Math.max(1, e.compressed))}× (a zip bomb?).`,
      );
  }
  if (total > MAX_UNCOMPRESSED_BYTES)
    throw refuse(
      filename,
      `it would inflate to ${Math.round(total / 1024 / 1024)} MB (limit ${MAX_UNCOMPRESSED_BYTES / 1024 / 1024} MB). Save it as CSV instead.`,
    );
  if (total > 1024 * 1024 && total > MAX_COMPRESSION_RATIO * Math.max(1, compressedTotal))
    throw refuse(filename, 'its compression ratio is implausible (a zip bomb?).');
}
