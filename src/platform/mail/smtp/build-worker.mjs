// Worker-thread entry of build-pool.ts. Plain JavaScript so it starts without a loader; it registers tsx (as
// bin/freehold.js does) to load the TypeScript that does the work.
import { register } from 'tsx/esm/api';

register();
await import('./build-worker.ts');
