// Flows (automations): what the audience module's index registers, and what other modules may call.
import type { JobDefinition } from '../../../platform/jobs/queue.ts';
import type { CronItem } from '../../../platform/jobs/runner.ts';
import { enrolAnniversariesJob } from './anniversaries.ts';
import { runFlowStepJob } from './run-step.ts';
import { registerFlowTriggers } from './triggers.ts';

export { flowRoutes } from './routes.ts';
export { openFlowTrigger } from './triggers.ts';

export const flowJobs: JobDefinition[] = [runFlowStepJob, enrolAnniversariesJob];
/** Hourly: an anniversary is due when the workspace's local day begins, whatever its time zone. */
export const flowCron: CronItem[] = [{ job: enrolAnniversariesJob, pattern: '7 * * * *' }];
export const registerFlowSubscribers = registerFlowTriggers;
