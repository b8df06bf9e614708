// The CRM's public surface. Other modules import only from here.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { onWorkspaceCreated } from '../../platform/events/workspace-init.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { CronItem } from '../../platform/jobs/runner.ts';
import { companyRoutes } from './companies/routes.ts';
import { contactRoutes } from './contacts/routes.ts';
import { seedDefaultPipeline } from './deals/create-pipeline.ts';
import { pipelineRoutes } from './deals/pipeline-routes.ts';
import { dealRoutes } from './deals/routes.ts';
import { demoRoutes } from './demo/routes.ts';
import { duplicateRoutes } from './duplicates/routes.ts';
import { scanDuplicatesJob } from './duplicates/scan-duplicates.ts';
import { seedLifecycleStages } from './fields/lifecycle-stages.ts';
import { fieldRoutes } from './fields/routes.ts';
import { importJobs, importRoutes } from './import/index.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { remindDueTasksJob } from './tasks/remind-due-tasks.ts';
import { taskRoutes } from './tasks/routes.ts';
import { viewRoutes } from './views/routes.ts';

export const routeModules: { name: string; plugin: FastifyPluginAsyncZod }[] = [
  { name: 'crm.contacts', plugin: contactRoutes },
  { name: 'crm.companies', plugin: companyRoutes },
  { name: 'crm.fields', plugin: fieldRoutes },
  { name: 'crm.demo', plugin: demoRoutes },
  { name: 'crm.tasks', plugin: taskRoutes },
  { name: 'crm.pipelines', plugin: pipelineRoutes },
  { name: 'crm.deals', plugin: dealRoutes },
  { name: 'crm.views', plugin: viewRoutes },
  { name: 'crm.duplicates', plugin: duplicateRoutes },
  { name: 'crm.privacy', plugin: privacyRoutes },
  { name: 'crm.import', plugin: importRoutes },
];
export const jobs: JobDefinition[] = [remindDueTasksJob, scanDuplicatesJob, ...importJobs];
export const cron: CronItem[] = [
  // Every minute: a task due at 09:00 is announced by 09:01.
  { job: remindDueTasksJob, pattern: '* * * * *' },
];
export function registerSubscribers(): void {
  onWorkspaceCreated('crm.lifecycle-stages', seedLifecycleStages);
  onWorkspaceCreated('crm.pipelines', seedDefaultPipeline);
}

// Bulk forms for other modules' batch writers (order batches): set-based, inside the caller's transaction.
export {
  advanceLifecycleStages,
  lockContacts,
  type StageMove,
} from './contacts/advance-lifecycle-stages.ts';
// Automations (audience flows) change contacts and create tasks through the same use cases as the API.
export { changeContactTags } from './contacts/change-tags.ts';
export { currentConsent, recordConsent } from './contacts/consent.ts';
export { createContact } from './contacts/create-contact.ts';
export { createContactsBulk, type NewContactInput } from './contacts/create-contacts-bulk.ts';
export { getContact } from './contacts/get-contact.ts';
export { type ContactMatch, type ContactMatchRef, matchContacts } from './contacts/match-contacts.ts';
export { updateContact } from './contacts/update-contact.ts';
export { listCustomFields } from './fields/custom-fields.ts';
export * as crmImport from './import/index.ts';
export { normalizeEmail, normalizePhone } from './normalize.ts';
export { createTask } from './tasks/create-task.ts';
// The API other modules use: the shared timeline, contact look-ups, consent.
export { appendTimeline, contactTimelineInsert, listTimeline, type TimelineEntryInput } from './timeline.ts';
