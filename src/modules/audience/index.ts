// The audience module's public surface: lists, segments, forms, templates, campaigns, flows, tracking, calendar.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { subscribe } from '../../platform/events/outbox.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { CronItem } from '../../platform/jobs/runner.ts';
import { pollBounceMailboxesJob, readBounceMailboxJob } from './bounces/mailbox.ts';
import { deliverabilityRoutes } from './bounces/routes.ts';
import { deliverabilityWebhookRoutes } from './bounces/webhook-routes.ts';
import { campaignPublicRoutes, campaignRoutes, campaignTickJob, sendCampaignJob } from './campaigns/index.ts';
import { eventRoutes } from './events/routes.ts';
import { flowCron, flowJobs, flowRoutes, registerFlowSubscribers } from './flows/index.ts';
import { formPublicRoutes } from './forms/public-routes.ts';
import { formRoutes } from './forms/routes.ts';
import { deleteAudienceDataOnErase, moveAudienceDataOnMerge } from './lists/on-contact-merged.ts';
import { listRoutes } from './lists/routes.ts';
import { deliverLeadMagnetJob } from './magnets/deliver-magnet.ts';
import { magnetPublicRoutes } from './magnets/public-routes.ts';
import { leadMagnetRoutes } from './magnets/routes.ts';
import { outboxRoutes } from './outbox/routes.ts';
import * as plan from './plan.ts';
import { segmentRoutes } from './segments/routes.ts';
import { senderRoutes } from './senders/routes.ts';
import { closeTransports } from './sending/accounts.ts';
import { eraseCaptureData, moveSubmissionsOnMerge } from './subscriptions/on-contact-changes.ts';
import { subscriptionPublicRoutes } from './subscriptions/public-routes.ts';
import { sendConfirmationJob } from './subscriptions/send-confirmation.ts';
import { templateAssetRoutes, templateRoutes } from './templates/routes.ts';
import { trackingRoutes } from './tracking/routes.ts';

/** Authenticated API routes, mounted under /api/v1. */
export const routeModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [
  { name: 'audience.outbox', plugin: outboxRoutes },
  { name: 'audience.deliverability', plugin: deliverabilityRoutes },
  { name: 'audience.templates', plugin: templateRoutes },
  { name: 'audience.senders', plugin: senderRoutes },
  { name: 'audience.lists', plugin: listRoutes },
  { name: 'audience.segments', plugin: segmentRoutes },
  { name: 'audience.events', plugin: eventRoutes },
  { name: 'audience.campaigns', plugin: campaignRoutes },
  { name: 'audience.forms', plugin: formRoutes },
  { name: 'audience.lead-magnets', plugin: leadMagnetRoutes },
  { name: 'audience.flows', plugin: flowRoutes },
  { name: 'audience.calendar', plugin: plan.calendarRoutes },
  { name: 'audience.webinars', plugin: plan.webinarRoutes },
  { name: 'audience.report', plugin: plan.reportRoutes },
];
/** Public pages and endpoints, mounted under /p (forms, tracking, unsubscribe, preferences, archive). */
export const publicRouteModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [
  { name: 'audience.template-assets', plugin: templateAssetRoutes },
  { name: 'audience.tracking', plugin: trackingRoutes },
  { name: 'audience.deliverability-hooks', plugin: deliverabilityWebhookRoutes },
  { name: 'audience.campaigns-public', plugin: campaignPublicRoutes },
  { name: 'audience.forms-public', plugin: formPublicRoutes },
  { name: 'audience.subscriptions-public', plugin: subscriptionPublicRoutes },
  { name: 'audience.lead-magnets-public', plugin: magnetPublicRoutes },
  { name: 'audience.webinars-public', plugin: plan.webinarPublicRoutes },
];
export const jobs: JobDefinition[] = [
  pollBounceMailboxesJob,
  readBounceMailboxJob,
  sendCampaignJob,
  campaignTickJob,
  sendConfirmationJob,
  deliverLeadMagnetJob,
  ...flowJobs,
  plan.webinarReminderJob,
  plan.webinarConfirmationJob,
];
export const cron: CronItem[] = [
  // Every 5 minutes: each workspace's bounce mailbox is read for new bounces and complaints.
  { job: pollBounceMailboxesJob, pattern: '*/5 * * * *' },
  // Every minute: due scheduled campaigns start, and a send whose worker died is picked up again.
  { job: campaignTickJob, pattern: '* * * * *' },
  ...flowCron,
];
export function registerSubscribers(): void {
  registerFlowSubscribers();
  subscribe('contact.merged', moveAudienceDataOnMerge);
  subscribe('contact.erased', deleteAudienceDataOnErase);
  subscribe('contact.merged', moveSubmissionsOnMerge);
  subscribe('contact.erased', eraseCaptureData);
}

/** Other modules let flows start on their contact events: `openFlowTrigger('order.fulfilled')`. */
export { openFlowTrigger } from './flows/index.ts';
export { sendMessage } from './sending/send-message.ts';

/** Closes the pooled SMTP connections (at shutdown). */
export async function close(): Promise<void> {
  await closeTransports();
}
