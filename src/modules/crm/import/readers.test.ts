import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { csvCell } from './export-rejects.ts';
import { suggestMapping } from './mapping.ts';
import { splitFullName } from './prepare-row.ts';
import { openRowSource, readPreview } from './rows.ts';
import { detectDelimiter, detectEncoding } from './sniff.ts';
import { makeXlsx, makeZip, VCARD3, VCARD4, zipBomb } from './test-fixtures.ts';
import { assertSafeXlsx } from './zip-guard.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-import-unit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (content: Buffer | string) => {
  const p = path.join(dir, `f${++n}`);
  fs.writeFileSync(p, content);
  return p;
};

async function allRows(
  p: string,
  format: 'csv' | 'vcard' | 'xlsx',
  encoding: 'utf-8' | null = 'utf-8',
  delimiter = ',',
) {
  const src = await openRowSource({ path: p, format, encoding, delimiter });
  const rows: string[][] = [];
  for await (const r of src.records) rows.push(r.cells);
  return { headers: src.headers, rows };
}

describe('encoding and delimiter detection', () => {
  it('tells UTF-8, Windows-1251, Windows-1250 and Latin-1 apart', () => {
    const ru = 'Имя;Фамилия;Компания\nИван;Петров;ООО Ромашка\nМария;Сидорова;Завод\n';
    const pl = 'Imię,Nazwisko,Miasto\nZofia,Wałęsa,Łódź\nJan,Żółć,Kraków\n';
    const fr = 'Prénom,Nom,Ville\nHélène,Müller,Genève\nJosé,Núñez,Málaga\nFrançois,à la,Zürich\n';
    expect(detectEncoding(Buffer.from(ru), true)).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fr)]), true)).toBe('utf-8');
    expect(detectEncoding(iconv.encode(ru, 'windows-1251'), true)).toBe('windows-1251');
    expect(detectEncoding(iconv.encode(pl, 'windows-1250'), true)).toBe('windows-1250');
    expect(detectEncoding(iconv.encode(fr, 'latin1'), true)).toBe('windows-1252');
    expect(detectEncoding(iconv.encode('a,b\r\n', 'utf-16le', { addBOM: true }), true)).toBe('utf-16le');
  });

  it('does not call a UTF-8 sample cut inside a character invalid', () => {
    const buf = Buffer.from('name\nЖ');
    expect(detectEncoding(buf.subarray(0, buf.length - 1), false)).toBe('utf-8');
  });

  it('finds the delimiter that splits lines consistently, ignoring quoted ones', () => {
    expect(detectDelimiter('a;b;c\n1;"x;y";3\n4;5;6\n', true)).toBe(';');
    expect(detectDelimiter('name\tcity\nA\tMain St, 5\nB\tHigh St, 7\n', true)).toBe('\t');
    expect(detectDelimiter('a|b\n1|2\n', true)).toBe('|');
    expect(detectDelimiter('name,price\n"Lamp, red",1\n', true)).toBe(',');
    expect(detectDelimiter('sep=;\na,b;c\n', true)).toBe(';');
  });
});

describe('readers', () => {
  it('reads CSV with BOM, quotes, blank lines, Excel sep= line and duplicate headers', async () => {
    const p = file('\uFEFFsep=;\nName;Phone;Phone;\n"Doe; John";1;2;x\n\n"multi\nline";3;;\n');
    const { headers, rows } = await allRows(p, 'csv', 'utf-8', ';');
    expect(headers).toEqual(['Name', 'Phone', 'Phone (2)', 'Column 4']);
    expect(rows).toEqual([['Doe; John', '1', '2', 'x'], [''], ['multi\nline', '3', '', '']]);
  });

  it('reads vCard 3 with folding, quoted-printable and CHARSET', async () => {
    const { headers, rows } = await allRows(file(VCARD3), 'vcard');
    const at = (row: string[], h: string) => row[headers.indexOf(h)];
    expect(rows).toHaveLength(2);
    const [zofia, ivan] = rows as [string[], string[]];
    expect(at(zofia, 'First name')).toBe('Zofia');
    expect(at(zofia, 'Email')).toBe('zofia@lampy.example; zofia.nowak@home.example');
    expect(at(zofia, 'Phone')).toBe('+48 601 234 567; +48 22 123 45 67');
    expect(at(zofia, 'Company')).toBe('Lampy Sp. z o.o.');
    expect(at(zofia, 'Street')).toBe('ul. Marszałkowska 1');
    expect(at(zofia, 'Country')).toBe('Poland');
    expect(at(zofia, 'Notes')).toBe('Met at the fair – wants a catalogue.');
    expect(at(ivan, 'Last name')).toBe('Петров');
    expect(at(ivan, 'First name')).toBe('Иван');
  });

  it('reads vCard 4 with tel: URIs, escapes, and skips photos', async () => {
    const { headers, rows } = await allRows(file(VCARD4), 'vcard');
    const row = rows[0]!;
    expect(row[headers.indexOf('Phone')]).toBe('+55-11-91234-5678');
    expect(row[headers.indexOf('Street')]).toBe('Av. Paulista, 1000');
    expect(row[headers.indexOf('Notes')]).toBe('Line one\nline two');
  });

  it('reads the first sheet of an XLSX', async () => {
    const p = file(
      await makeXlsx([
        ['Name', 'Born', 'Phone'],
        ['Ann', new Date(Date.UTC(1990, 4, 17)), 4915112345678],
      ]),
    );
    const { headers, rows } = await readPreview({ path: p, format: 'xlsx', encoding: null, delimiter: null });
    expect(headers).toEqual(['Name', 'Born', 'Phone']);
    expect(rows).toEqual([['Ann', '1990-05-17', '4915112345678']]);
  });
});

describe('zip guard', () => {
  it('accepts a real workbook and refuses bombs and non-workbooks', async () => {
    await expect(assertSafeXlsx(file(await makeXlsx([['a']])), 'ok.xlsx')).resolves.toBeTruthy();
    await expect(assertSafeXlsx(file(zipBomb()), 'bomb.xlsx')).rejects.toThrow(/zip bomb/);
    const plainZip = makeZip([{ name: 'readme.txt', data: Buffer.from('hi') }]);
    await expect(assertSafeXlsx(file(plainZip), 'x.xlsx')).rejects.toThrow(/not an Excel workbook/);
    const big = makeZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<w/>') },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: randomBytes(3 * 1024 * 1024),
        store: true,
        declaredSize: 250 * 1024 * 1024,
      },
    ]);
    await expect(assertSafeXlsx(file(big), 'big.xlsx')).rejects.toThrow(/inflate to 250 MB/);
  });
});

describe('mapping suggestions and small helpers', () => {
  it('recognises common headers in several languages', () => {
    const m = suggestMapping(
      [
        'E-mail',
        'Email Address',
        'Correo',
        'Mobile',
        'Telefon',
        'Vorname',
        'Nachname',
        'Full Name',
        'Firma',
        'Job Title',
        'Land',
        'PLZ',
        'Website',
        'LinkedIn URL',
        'Tags',
        'Notes',
        'Birthday',
      ],
      'contact',
      [{ key: 'birthday', label: 'Birthday' }],
    );
    expect(m).toMatchObject({
      'E-mail': 'email',
      'Email Address': 'email',
      Correo: 'email',
      Mobile: 'phone',
      Telefon: 'phone',
      Vorname: 'firstName',
      Nachname: 'lastName',
      'Full Name': 'fullName',
      Firma: 'company',
      'Job Title': 'title',
      Land: 'country',
      PLZ: 'postcode',
      Website: 'website',
      'LinkedIn URL': 'linkedin',
      Tags: 'tags',
      Notes: 'notes',
      Birthday: 'custom.birthday',
    });
    expect(suggestMapping(['Company', 'Domain'], 'company', [])).toEqual({ Company: 'name', Domain: 'domain' });
  });

  it('splits full names and defuses formulas in the report', () => {
    expect(splitFullName('Anna Maria Schmidt')).toEqual({ firstName: 'Anna Maria', lastName: 'Schmidt' });
    expect(splitFullName('Schmidt, Anna')).toEqual({ firstName: 'Anna', lastName: 'Schmidt' });
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+49 30 1234')).toBe('+49 30 1234');
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});
