// The commerce module's public surface: catalog, stock, orders and their ingest, shipping quotes, pickup points.
// Each area lives in its folder; other modules import only from this file.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { CronItem } from '../../platform/jobs/runner.ts';
import { catalogJobs, catalogRouteModules } from './catalog/module.ts';
import { ingestCron, ingestJobs, ingestPublicRouteModules, ingestRouteModules } from './ingest/module.ts';
import { registerOrderSubscribers } from './orders/register.ts';
import { orderRoutes } from './orders/routes.ts';
import { pickupJobs, pickupPublicRouteModules, pickupRouteModules } from './pickup/module.ts';
import { shippingCron, shippingJobs, shippingPublicRouteModules, shippingRouteModules } from './shipping/module.ts';
import { registerStockSubscribers, stockJobs, stockRouteModules } from './stock/module.ts';

/** Authenticated API routes, mounted under /api/v1. */
export const routeModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [
  ...catalogRouteModules,
  ...stockRouteModules,
  { name: 'commerce.orders', plugin: orderRoutes },
  ...shippingRouteModules,
  ...ingestRouteModules,
  ...pickupRouteModules,
];

/** Public endpoints under /p (storefront webhooks, quote and pickup widgets, "collect near you" page). */
export const publicRouteModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [
  ...shippingPublicRouteModules,
  ...ingestPublicRouteModules,
  ...pickupPublicRouteModules,
];

export const jobs: JobDefinition[] = [...catalogJobs, ...stockJobs, ...shippingJobs, ...ingestJobs, ...pickupJobs];

export const cron: CronItem[] = [...shippingCron, ...ingestCron];

export function registerSubscribers(): void {
  registerOrderSubscribers();
  registerStockSubscribers();
}
