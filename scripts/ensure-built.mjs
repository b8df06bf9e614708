// `npm start` runs this first: the web UI is built once (and again when its sources are newer than the build), so a
// fresh clone needs only `npm install` and `npm start`.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const built = path.join(root, 'dist/web/index.html');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const stale = !fs.existsSync(built) || newest(path.join(root, 'web')) > fs.statSync(built).mtimeMs;
if (stale) {
  console.log('Building the web UI (first start, or its sources changed)…');
  execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
}
