import { and, eq, inArray } from 'drizzle-orm';
import { emailEvents, emailMessages } from '../schema.ts';
import type { BranchCondition } from './graph.ts';
import { contactInSegment, contactMatchesRules } from './segment-conditions.ts';
import { dedupeKeyOf, type StepContext } from './steps.ts';

/**
 * Yes or no for one contact. "Opened / clicked" looks at the message the named earlier step sent in this enrolment
 * (found by its dedupe key), so another flow's or campaign's email does not count. A click counts as an open: images
 * are often blocked, links are not.
 */
export async function evaluateBranch(condition: BranchCondition, ctx: StepContext): Promise<boolean> {
  const { db, workspaceId, contact } = ctx;
  switch (condition.kind) {
    case 'email_opened':
    case 'email_clicked': {
      const [m] = await db
        .select({ id: emailMessages.id })
        .from(emailMessages)
        .where(
          and(
            eq(emailMessages.workspaceId, workspaceId),
            eq(emailMessages.dedupeKey, dedupeKeyOf(ctx.enrolment.id, condition.stepId)),
          ),
        );
      if (!m) return false;
      const types = condition.kind === 'email_opened' ? (['open', 'click'] as const) : (['click'] as const);
      const [e] = await db
        .select({ id: emailEvents.id })
        .from(emailEvents)
        .where(
          and(
            eq(emailEvents.workspaceId, workspaceId),
            eq(emailEvents.messageId, m.id),
            inArray(emailEvents.type, [...types]),
          ),
        )
        .limit(1);
      return Boolean(e);
    }
    case 'segment':
      return contactInSegment(db, workspaceId, condition.segmentId, contact.id);
    case 'rules':
      return contactMatchesRules(db, workspaceId, condition.rules, contact.id);
    case 'has_tag':
      return contact.tags.some((t) => t.toLowerCase() === condition.tag.toLowerCase());
  }
}
