import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { subscribe } from '../../../platform/events/outbox.ts';
import type { JobDefinition } from '../../../platform/jobs/queue.ts';
import { sendPurchaseRequest } from './purchase-requests.ts';
import { stockRoutes } from './routes.ts';
import { reorderTaskOnLowStock } from './subscribers.ts';

// The stock area's parts, for the commerce module's index.
export const stockRouteModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [
  { name: 'commerce.stock', plugin: stockRoutes },
];

export const stockJobs: JobDefinition[] = [sendPurchaseRequest];

export function registerStockSubscribers(): void {
  subscribe('stock.low', reorderTaskOnLowStock);
}
