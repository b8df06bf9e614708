// `npm run typecheck`: the server and the web app are two TypeScript projects; checking them one after the other
// took ~125 s on a 2-core CI machine (59 + 67 s), side by side ~70 s. Fails when either fails; each one's output is
// printed whole when it ends, so the two do not interleave.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const projects = [
  ['server', ['--noEmit']],
  ['web', ['--noEmit', '-p', 'web/tsconfig.json']],
];

const results = await Promise.all(
  projects.map(
    ([name, args]) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [tsc, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
        });
        child.stderr.on('data', (d) => {
          out += d;
        });
        child.on('close', (code) => {
          if (out) process.stdout.write(`--- ${name} ---\n${out}`);
          resolve({ name, code });
        });
      }),
  ),
);
const failed = results.filter((r) => r.code !== 0);
for (const r of failed) console.error(`typecheck failed: ${r.name} (tsc exited ${r.code})`);
process.exit(failed.length ? 1 : 0);
