// The CRM's public surface. Other modules import only from here.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { CronItem } from '../../platform/jobs/runner.ts';

export const routeModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [];
export const jobs: JobDefinition[] = [];
export const cron: CronItem[] = [];
export function registerSubscribers(): void {}
