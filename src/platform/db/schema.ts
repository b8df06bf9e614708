// Every module's tables, for Drizzle's relational queries and drizzle-kit. Modules still import only their own.
import * as audienceBounces from '../../modules/audience/bounces/schema.ts';
import * as audienceCalendar from '../../modules/audience/calendar/schema.ts';
import * as audienceCampaigns from '../../modules/audience/campaigns/schema.ts';
import * as audienceEvents from '../../modules/audience/events/schema.ts';
import * as audienceFlows from '../../modules/audience/flows/schema.ts';
import * as audienceForms from '../../modules/audience/forms/schema.ts';
import * as audienceMagnets from '../../modules/audience/magnets/schema.ts';
import * as audience from '../../modules/audience/schema.ts';
import * as audienceSegments from '../../modules/audience/segments/schema.ts';
import * as audienceWebinars from '../../modules/audience/webinars/schema.ts';
import * as crm from '../../modules/crm/schema.ts';
import * as identity from '../../modules/identity/schema.ts';
import * as events from '../events/schema.ts';
import * as mail from '../mail/schema.ts';

export const schema = {
  ...identity,
  ...events,
  ...mail,
  ...crm,
  ...audience,
  ...audienceBounces,
  ...audienceCalendar,
  ...audienceCampaigns,
  ...audienceWebinars,
  ...audienceEvents,
  ...audienceSegments,
  ...audienceForms,
  ...audienceMagnets,
  ...audienceFlows,
};
