import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { JobDefinition } from '../../../platform/jobs/queue.ts';
import { productImportJob } from './import/jobs.ts';
import { productImportRoutes } from './import/routes.ts';
import { catalogRoutes } from './routes.ts';

// The catalog area's parts, for the commerce module's index.
export const catalogRouteModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [
  { name: 'commerce.catalog', plugin: catalogRoutes },
  { name: 'commerce.product-imports', plugin: productImportRoutes },
];

export const catalogJobs: JobDefinition[] = [productImportJob];
