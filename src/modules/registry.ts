import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deliverEvent, deliverEvents } from '../platform/events/outbox.ts';
import type { PublicRouteModule, RouteModule } from '../platform/http/server.ts';
import type { JobDefinition } from '../platform/jobs/queue.ts';
import type { CronItem } from '../platform/jobs/runner.ts';
import * as audience from './audience/index.ts';
import * as commerce from './commerce/index.ts';
import * as crm from './crm/index.ts';
import * as identity from './identity/index.ts';

const mount = (name: string, plugin: FastifyPluginAsyncZod): RouteModule => ({
  name,
  routes: async (app: FastifyInstance) => {
    await app.register(plugin);
  },
});

/** Every module, in one place: its routes, its jobs, its schedules. Order matters only for the OpenAPI listing. */
export const routeModules: RouteModule[] = [
  mount('identity', identity.identityRoutes),
  ...crm.routeModules.map((r) => mount(r.name, r.plugin)),
  ...audience.routeModules.map((r) => mount(r.name, r.plugin)),
  ...commerce.routeModules.map((r) => mount(r.name, r.plugin)),
];

export const publicRouteModules: PublicRouteModule[] = [
  ...audience.publicRouteModules,
  ...commerce.publicRouteModules,
].map((r) => mount(r.name, r.plugin));

export const jobDefinitions: JobDefinition[] = [
  deliverEvent,
  deliverEvents,
  ...crm.jobs,
  ...audience.jobs,
  ...commerce.jobs,
];

export const cronItems: CronItem[] = [...crm.cron, ...audience.cron, ...commerce.cron];

crm.registerSubscribers();
audience.registerSubscribers();
commerce.registerSubscribers();

/** At shutdown, after the server and the workers stopped: pooled connections modules keep (SMTP). */
export async function closeModules(): Promise<void> {
  await audience.close();
}
