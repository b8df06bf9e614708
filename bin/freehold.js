#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so `npm start` and `npx freehold` need no separate server build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
try {
  await main(process.argv);
} catch (err) {
  console.error(`freehold: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
