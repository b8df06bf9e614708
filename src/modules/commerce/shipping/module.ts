// The shipping area's parts, as commerce/index.ts mounts them.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { JobDefinition } from '../../../platform/jobs/queue.ts';
import type { CronItem } from '../../../platform/jobs/runner.ts';
import { purgeQuotesJob } from './jobs.ts';
import { shippingPublicRoutes } from './public-routes.ts';
import { quoteRoutes } from './quote-routes.ts';
import { carrierRoutes } from './routes.ts';

export const shippingRouteModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [
  { name: 'commerce.carriers', plugin: carrierRoutes },
  { name: 'commerce.shipping', plugin: quoteRoutes },
];

export const shippingPublicRouteModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [
  { name: 'commerce.shipping.public', plugin: shippingPublicRoutes },
];

export const shippingJobs: JobDefinition[] = [purgeQuotesJob];

// Nightly at 03:17 (off the hour, when other schedules cluster): expired quotes go.
export const shippingCron: CronItem[] = [{ job: purgeQuotesJob, pattern: '17 3 * * *' }];

export { type ChosenShipping, takeQuotedOption } from './take-quoted-option.ts';
