import { uuidv7 } from 'uuidv7';

/** Ids are UUIDv7, made in the app: time-ordered, so inserts append to the primary-key index. */
export const newId = (): string => uuidv7();

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID_RE.test(s);
