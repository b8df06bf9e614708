// The commerce module's public surface: catalog, stock, orders and their ingest, shipping quotes, pickup points.
// Each area lives in its folder; other modules import only from this file.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { CronItem } from '../../platform/jobs/runner.ts';

/** Authenticated API routes, mounted under /api/v1. */
export const routeModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [];

/** Public endpoints under /p (storefront webhooks, quote and pickup widgets, "collect near you" page). */
export const publicRouteModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [];

export const jobs: JobDefinition[] = [];

export const cron: CronItem[] = [];

export function registerSubscribers(): void {}
