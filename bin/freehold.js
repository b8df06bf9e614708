#!/usr/bin/env -S node --max-semi-space-size=64
// The flag (also in package.json's "start") gives V8 a larger young generation. A server holds many short-lived
// large strings at once (rendered emails in flight, tracking hits waiting for a flush); with the default 16 MB
// semi-spaces, scavenges took 17 % of a campaign sender's main thread in a profile. Measured in the campaign bench
// (20,000 messages): 927 → 1,119 msg/s;
// it cannot be set from inside the process (v8.setFlagsFromString does not resize a heap already made).
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
