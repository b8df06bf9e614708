import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('./examples/rate-card-example.csv', import.meta.url));

describe('freehold import rate-card', async () => {
  const t = await testApp();
  await signUpWorkspace(t.app, 'Cli Shop');
  const cli = (...args: string[]) =>
    run(
      process.execPath,
      [path.join(ROOT, 'bin/freehold.js'), 'import', 'rate-card', ...args, '--workspace', 'Cli Shop'],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'error' },
        timeout: 60_000,
      },
    );

  it('creates the carrier, imports the example as version 1, and refuses a broken file naming its lines', async () => {
    const ok = await cli(EXAMPLE, '--carrier', 'Parcelo');
    expect(ok.stdout).toBe(
      'Created carrier Parcelo.\nParcelo: version 1 is active (3 services, 6 zones, EUR).\nNew services: home, pickup, locker.\n',
    );
    const broken = path.join(os.tmpdir(), `broken-card-${process.pid}.csv`);
    fs.writeFileSync(
      broken,
      fs
        .readFileSync(EXAMPLE, 'utf8')
        .replace('zone,,AT,AT,', 'zone,,AT,Austria,')
        .replace('rate,home,DE,,,,,2,5,5.49', 'rate,home,DE,,,,,1,5,5.49'),
    );
    const err = await cli(broken, '--carrier', 'parcelo').then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    fs.rmSync(broken);
    expect(err?.code).toBe(1);
    expect(err?.stderr).toBe(
      'freehold: broken-card-' +
        `${process.pid}.csv was not imported (the active version is unchanged):\n` +
        '  line 15, country: "Austria" is not an ISO 3166 country code like DE or FR\n' +
        '  line 20, min_kg: overlap: home in DE band 1 kg–5 kg overlaps 0 kg–2 kg on line 19\n',
    );
  }, 120_000);
});
