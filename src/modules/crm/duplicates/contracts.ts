import { z } from 'zod';
import { ZContact } from '../contacts/contracts.ts';

export const DUPLICATE_REASONS = ['email', 'phone', 'name'] as const;

export const ZDuplicateContact = z.object({
  id: z.string().uuid(),
  name: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  companyId: z.string().uuid().nullable(),
  companyName: z.string().nullable(),
  createdAt: z.date(),
});

export const ZDuplicatePair = z
  .object({
    contacts: z.tuple([ZDuplicateContact, ZDuplicateContact]).describe('The older contact first'),
    reasons: z.array(
      z.object({
        reason: z.enum(DUPLICATE_REASONS),
        value: z.string().optional().describe('The shared email or phone'),
        similarity: z.number().optional().describe('Name similarity (0–1) for name matches'),
      }),
    ),
  })
  .meta({ id: 'DuplicatePair' });
export type TDuplicatePair = z.infer<typeof ZDuplicatePair>;

export const ZDuplicateScan = z
  .object({
    status: z
      .enum(['never', 'queued', 'done'])
      .describe('queued: a scan is waiting or running; the list is the previous one'),
    finishedAt: z.date().nullable(),
    pairs: z.number().int().describe('Pairs the last scan found'),
  })
  .meta({ id: 'DuplicateScan' });
export type TDuplicateScan = z.infer<typeof ZDuplicateScan>;

export const ZDuplicateList = z.object({
  data: z.array(ZDuplicatePair),
  nextCursor: z.string().nullable(),
  scan: ZDuplicateScan,
});

export const ZDuplicateListQuery = z.object({
  reason: z.enum(DUPLICATE_REASONS).optional().describe('Only pairs found by this reason'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});
export type TDuplicateListQuery = z.infer<typeof ZDuplicateListQuery>;

export const ZMergeRequest = z.object({
  otherId: z.string().uuid().describe('The contact merged into this one; it remains as a tombstone'),
});

export const ZUnmergeResult = z
  .object({ survivor: ZContact, restored: ZContact.describe('The contact brought back from its tombstone') })
  .meta({ id: 'UnmergeResult' });
