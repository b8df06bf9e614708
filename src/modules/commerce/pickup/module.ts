// The pickup-point area's part of the commerce module: mounted by ../index.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { JobDefinition } from '../../../platform/jobs/queue.ts';
import { pickupImportRoutes } from './import-routes.ts';
import { pickupJobs as jobs } from './jobs.ts';
import { pickupPublicRoutes } from './public-routes.ts';
import { pickupPointRoutes } from './routes.ts';

type Mount = { name: string; plugin: FastifyPluginAsyncZod };

export const pickupRouteModules: Mount[] = [
  { name: 'commerce.pickup-points', plugin: pickupPointRoutes },
  { name: 'commerce.pickup-imports', plugin: pickupImportRoutes },
];

/** The hosted "collect near you" page, the picker widget and its JSON under /p/pickup. */
export const pickupPublicRouteModules: Mount[] = [{ name: 'commerce.pickup-public', plugin: pickupPublicRoutes }];

export const pickupJobs: JobDefinition[] = jobs;
