// Builders for import tests: files are made in the test, so every fixture says what it is.
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

/** A multipart/form-data body, fields first (the upload reads fields that precede the file). */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; content: Buffer | string; type?: string },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----freehold${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A minimal zip writer (deflate or store), enough to build honest and malicious archives. */
/** `declaredSize` lies about the inflated size in the headers, as a crafted archive would. */
export function makeZip(entries: { name: string; data: Buffer; store?: boolean; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.store ? e.data : zlib.deflateRawSync(e.data, { level: 9 });
    const crc = zlib.crc32(e.data);
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.declaredSize ?? e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.declaredSize ?? e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** Looks like a workbook, and inflates 64 MB of zeros from ~64 KB. */
export function zipBomb(): Buffer {
  return makeZip([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024 * 1024) },
  ]);
}

export async function makeXlsx(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Contacts');
  for (const r of rows) ws.addRow(r);
  wb.addWorksheet('Other').addRow(['not', 'imported']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const VCARD3 = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:Nowak;Zofia;;;',
  'FN:Zofia Nowak',
  'ORG:Lampy Sp. z o.o.;Export',
  'TITLE:Head of Purchasing',
  'EMAIL;TYPE=INTERNET,WORK:zofia@lampy.example',
  'EMAIL;TYPE=INTERNET,HOME:zofia.nowak@home.example',
  'TEL;TYPE=CELL:+48 601 234 567',
  'TEL;TYPE=WORK:+48 22 123 45 67',
  'ADR;TYPE=WORK:;;ul. Marszałkowska 1;Warszawa;;00-001;Poland',
  'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Met at the fair =E2=80=93 wants a =',
  'catalogue.',
  'URL:https://lampy.example',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N;CHARSET=windows-1251;ENCODING=QUOTED-PRINTABLE:=CF=E5=F2=F0=EE=E2;=C8=E2=E0=ED;;;',
  'FN:Ivan P.',
  'EMAIL:ivan@example.ru',
  'TEL:+7 912 345-67-89',
  'END:VCARD',
  '',
].join('\r\n');

export const VCARD4 = [
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Dr. Ana Lima',
  'N:Lima;Ana;;Dr.;',
  'EMAIL;PREF=1:ana@lima.example',
  'TEL;VALUE=uri;TYPE="voice,cell":tel:+55-11-91234-5678',
  'ORG:Lima Importação',
  'ADR;TYPE=work:;;Av. Paulista\\, 1000;São Paulo;SP;01310-100;Brazil',
  'PHOTO:data:image/jpeg;base64,MIICajCCAdOgAwIBAgICBEUwDQYJKoZIhvcNAQEEBQAwdzELMAkGA1UEBhMCVVMxLDAqBgNVBAoTI05l',
  ' dHNjYXBlIENvbW11bmljYXRpb25zIENvcnBvcmF0aW9uMRwwGgYDVQQLExNJbmZvcm1hdGlvbiBT',
  'NOTE:Line one\\nline two',
  'END:VCARD',
].join('\r\n');
