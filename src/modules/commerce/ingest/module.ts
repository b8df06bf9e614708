// The ingest area's part of the commerce module: storefront connections and their webhooks, CSV order imports.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { JobDefinition } from '../../../platform/jobs/queue.ts';
import type { CronItem } from '../../../platform/jobs/runner.ts';
import { orderImportJob } from './csv/jobs.ts';
import { orderImportRoutes } from './csv/routes.ts';
import { storefrontRoutes } from './storefronts/routes.ts';
import { processDeliveryJob, pruneDeliveriesJob } from './webhooks/process-delivery.ts';
import { storefrontWebhookRoutes } from './webhooks/public-routes.ts';

export const ingestRouteModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [
  { name: 'commerce.storefronts', plugin: storefrontRoutes },
  { name: 'commerce.order-imports', plugin: orderImportRoutes },
];

export const ingestPublicRouteModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [
  { name: 'commerce.storefront-webhooks', plugin: storefrontWebhookRoutes },
];

export const ingestJobs: JobDefinition[] = [processDeliveryJob, orderImportJob, pruneDeliveriesJob];

export const ingestCron: CronItem[] = [
  // Daily at 03:17: deliveries past their retention go (their ids guard against repeats long before that).
  { job: pruneDeliveriesJob, pattern: '17 3 * * *' },
];

export { listOrderImportErrors } from './csv/list-order-imports.ts';
export { type OrderImportProgress, runOrderImport } from './csv/run-order-import.ts';
// For the CLI: the same use cases as the API.
export { startOrderImport } from './csv/start-order-import.ts';
export { uploadOrderImport } from './csv/upload-order-import.ts';
