// The audience module's public surface: lists, segments, forms, templates, campaigns, flows, tracking, calendar.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { CronItem } from '../../platform/jobs/runner.ts';
import { outboxRoutes } from './outbox/routes.ts';
import { publicAssetRoutes } from './public/html.ts';
import { closeTransports } from './sending/accounts.ts';

/** Authenticated API routes, mounted under /api/v1. */
export const routeModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [
  { name: 'audience.outbox', plugin: outboxRoutes },
];
/** Public pages and endpoints, mounted under /p (forms, tracking, unsubscribe, preferences, archive). */
export const publicRouteModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [
  { name: 'audience.public-assets', plugin: publicAssetRoutes },
];
export const jobs: JobDefinition[] = [];
export const cron: CronItem[] = [];
export function registerSubscribers(): void {}

export { sendMessage } from './sending/send-message.ts';

/** Closes the pooled SMTP connections (at shutdown). */
export async function close(): Promise<void> {
  await closeTransports();
}
