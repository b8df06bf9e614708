import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { contactMatches, getSegment, type RuleGroup, validateRules } from '../segments/index.ts';

// The flows' window on segments: does a segment exist, does one contact match a segment or inline rules.

export async function segmentExists(db: DbOrTx, workspaceId: string, segmentId: string): Promise<boolean> {
  try {
    await getSegment(db, workspaceId, segmentId);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return false;
    throw err;
  }
}

/** Rule problems (unknown field, list of another workspace…) as messages, for the flow's issues. */
export async function ruleProblems(db: DbOrTx, workspaceId: string, rules: RuleGroup): Promise<string[]> {
  return (await validateRules(db, workspaceId, rules)).map((e) => `${e.field}: ${e.message}`);
}

/** A segment deleted since the flow was activated matches nobody (the branch takes its "no" path). */
export async function contactInSegment(
  db: DbOrTx,
  workspaceId: string,
  segmentId: string,
  contactId: string,
): Promise<boolean> {
  let rules: RuleGroup;
  try {
    rules = (await getSegment(db, workspaceId, segmentId)).rules as RuleGroup;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return false;
    throw err;
  }
  return contactMatches(db, workspaceId, rules, contactId);
}

export async function contactMatchesRules(
  db: DbOrTx,
  workspaceId: string,
  rules: RuleGroup,
  contactId: string,
): Promise<boolean> {
  return contactMatches(db, workspaceId, rules, contactId);
}
