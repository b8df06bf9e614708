#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so `npm start` and `npx freehold` need no separate server build.
import { register } from 'tsx/esm/api';

register();
// `freehold export … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../src/cli/main.ts');
try {
  await main(process.argv);
} catch (err) {
  console.error(`freehold: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
