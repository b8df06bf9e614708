import { setSecretKey } from './secrets.ts';

/**
 * Tests (and the child processes they start) seal stored credentials with one fixed key: no key file is written, and
 * what one process stores the other opens.
 */
export function setTestSecretKey(): void {
  setSecretKey({ key: Buffer.alloc(32, 7), source: 'the test key' });
}
