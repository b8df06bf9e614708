// Every module's tables, for Drizzle's relational queries and drizzle-kit. Modules still import only their own.
import * as audience from '../../modules/audience/schema.ts';
import * as crm from '../../modules/crm/schema.ts';
import * as identity from '../../modules/identity/schema.ts';
import * as events from '../events/schema.ts';
import * as mail from '../mail/schema.ts';

export const schema = { ...identity, ...events, ...mail, ...crm, ...audience };
