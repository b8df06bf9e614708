import { z } from 'zod';
import { ZRuleGroup } from './rules.ts';

const id = z.string().uuid();

export const ZSegment = z
  .object({
    id,
    name: z.string(),
    description: z.string().nullable(),
    rules: ZRuleGroup,
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Segment' });
export type TSegment = z.infer<typeof ZSegment>;

export const ZSegmentCreate = z
  .object({
    name: z.string().trim().min(1).max(120).describe('Unique in the workspace (case aside)'),
    description: z.string().trim().max(2000).nullish(),
    rules: ZRuleGroup,
  })
  .meta({ id: 'SegmentCreate' });
export type TSegmentCreate = z.infer<typeof ZSegmentCreate>;

export const ZSegmentUpdate = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    description: z.string().trim().max(2000).nullish(),
    rules: ZRuleGroup.optional(),
  })
  .meta({ id: 'SegmentUpdate' });
export type TSegmentUpdate = z.infer<typeof ZSegmentUpdate>;

export const ZSegmentQuery = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().optional(),
});

export const ZSegmentContact = z
  .object({
    id,
    name: z.string(),
    email: z.string().nullable(),
    companyName: z.string().nullable(),
    lifecycleStage: z.string(),
    tags: z.array(z.string()),
    createdAt: z.date(),
  })
  .meta({ id: 'SegmentContact' });
export type TSegmentContact = z.infer<typeof ZSegmentContact>;

export const ZSegmentCount = z
  .object({ count: z.number().int(), tookMs: z.number().describe('Time the count took on the server') })
  .meta({ id: 'SegmentCount' });

export const ZSegmentPreviewBody = z.object({ rules: ZRuleGroup }).meta({ id: 'SegmentPreviewRequest' });

export const ZSegmentPreview = z
  .object({
    count: z.number().int(),
    sample: z.array(ZSegmentContact).describe('The 20 newest matching contacts'),
    tookMs: z.number(),
  })
  .meta({ id: 'SegmentPreview' });

export const ZSegmentContactsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
