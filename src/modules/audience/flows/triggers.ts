import { and, eq } from 'drizzle-orm';
import type { DomainEvent } from '../../../platform/events/outbox.ts';
import { subscribe } from '../../../platform/events/outbox.ts';
import type { JobContext } from '../../../platform/jobs/queue.ts';
import { enrolContact } from './enrol-contact.ts';
import type { FlowRow } from './flow-row.ts';
import type { FlowTrigger } from './graph.ts';
import { flows } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const same = (a: unknown, b: string) => typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The contact an event is about, if it matches the trigger; null otherwise. Events of other modules name their
 * contact in `payload.contactId` (a deal, an order) or are about the contact itself (`subjectId`).
 */
export function matchTrigger(trigger: FlowTrigger, event: DomainEvent): string | null {
  const p = event.payload;
  const contactId = str(p.contactId) ?? event.subjectId;
  const ok = (() => {
    switch (trigger.type) {
      case 'list_subscribed':
        return !trigger.config.listId || p.listId === trigger.config.listId;
      case 'form_submitted':
        return !trigger.config.formId || p.formId === trigger.config.formId;
      case 'tag_added':
      case 'tag_removed':
        return same(p.tag, trigger.config.tag);
      case 'lifecycle_stage_changed':
        return !trigger.config.to || p.to === trigger.config.to;
      case 'deal_stage_changed':
        return (
          (!trigger.config.stageId || p.toStageId === trigger.config.stageId) &&
          (!trigger.config.pipelineId || p.pipelineId === trigger.config.pipelineId)
        );
      case 'custom_event':
        return p.type === trigger.config.eventType;
      case 'domain_event':
        return event.type === trigger.config.eventType;
      default:
        return false;
    }
  })();
  return ok && contactId && UUID.test(contactId) ? contactId : null;
}

/** Enrols the contact of one event in every active flow listening for it. Redelivery is harmless (trigger keys). */
export async function onFlowEvent(event: DomainEvent, ctx: JobContext): Promise<void> {
  const candidates: FlowRow[] = await ctx.db
    .select()
    .from(flows)
    .where(
      and(eq(flows.workspaceId, event.workspaceId), eq(flows.triggerEvent, event.type), eq(flows.status, 'active')),
    );
  for (const flow of candidates) {
    const contactId = matchTrigger(flow.trigger, event);
    if (!contactId) continue;
    await enrolContact(ctx.db, {
      workspaceId: event.workspaceId,
      flow,
      contactId,
      triggerKey: `event:${event.id}`,
      triggerData: { event: event.type, eventId: event.id, ...event.payload },
    });
  }
}

/**
 * Event types a flow can start on. The built-in triggers' events, the CRM's and the ones modules announced so far;
 * a module that emits further events about contacts adds them with `openFlowTrigger` in its registerSubscribers().
 */
export const FLOW_EVENT_TYPES = new Set<string>([
  'audience.subscribed',
  'audience.unsubscribed',
  'audience.form_submitted',
  'contact.event',
  'contact.created',
  'contact.updated',
  'contact.tag_added',
  'contact.tag_removed',
  'contact.lifecycle_stage_changed',
  'contact.consent_changed',
  'deal.created',
  'deal.stage_changed',
  'order.created',
  'order.paid',
  'order.fulfilled',
  'order.cancelled',
  'order.refunded',
  'webinar.registered',
  'webinar.attended',
]);

const subscriber = { name: 'audience.flows.trigger', handle: onFlowEvent };

/** Lets flows start on `type` (a domain event whose subject, or payload.contactId, is a contact). */
export function openFlowTrigger(type: string): void {
  FLOW_EVENT_TYPES.add(type);
  subscribe(type, subscriber);
}

export function registerFlowTriggers(): void {
  for (const type of FLOW_EVENT_TYPES) subscribe(type, subscriber);
}
