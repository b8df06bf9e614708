import { z } from 'zod';
import { isCurrency } from '../../../platform/money.ts';

const id = z.string().uuid();

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export const ZCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrency, 'is not an ISO 4217 currency code')
  .describe('ISO 4217, e.g. EUR');

export const ZStage = z
  .object({
    id,
    name: z.string(),
    kind: z.enum(STAGE_KINDS),
    probability: z.number().int(),
    position: z.number().int(),
  })
  .meta({ id: 'PipelineStage' });

export const ZPipeline = z
  .object({ id, name: z.string(), isDefault: z.boolean(), createdAt: z.date(), stages: z.array(ZStage) })
  .meta({ id: 'Pipeline' });
export type TPipeline = z.infer<typeof ZPipeline>;

const stageName = z.string().trim().min(1).max(80);
const probability = z.number().int().min(0).max(100).describe('Chance of winning, in percent');

export const ZStageCreate = z
  .object({
    name: stageName,
    kind: z.enum(STAGE_KINDS).default('open').describe('open stages are board columns; won and lost close the deal'),
    probability: probability.optional(),
    afterId: id.optional().describe('Insert after this stage; at the end of the open stages when omitted'),
  })
  .meta({ id: 'PipelineStageCreate' });
export type TStageCreate = z.infer<typeof ZStageCreate>;

export const ZStageUpdate = z
  .object({ name: stageName.optional(), kind: z.enum(STAGE_KINDS).optional(), probability: probability.optional() })
  .meta({ id: 'PipelineStageUpdate' });

export const ZPipelineCreate = z
  .object({
    name: z.string().trim().min(1).max(120),
    isDefault: z.boolean().optional(),
    stages: z
      .array(ZStageCreate.omit({ afterId: true }))
      .min(1)
      .max(50)
      .optional()
      .describe('In board order; the standard sales stages when omitted'),
  })
  .meta({ id: 'PipelineCreate' });
export type TPipelineCreate = z.infer<typeof ZPipelineCreate>;

export const ZPipelineUpdate = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    isDefault: z.literal(true).optional().describe('Make this the default pipeline'),
  })
  .meta({ id: 'PipelineUpdate' });

export const ZStageOrder = z.object({ stageIds: z.array(id).min(1).describe('Every stage of the pipeline, in order') });

export const ZStageParams = z.object({ id, stageId: id });
export const ZStageDeleteQuery = z.object({
  moveDealsTo: id.optional().describe('Stage of the same pipeline that receives the deals of the deleted one'),
});

export const ZPipelineSummary = z
  .object({
    pipelineId: id,
    stages: z.array(
      z.object({
        stageId: id,
        name: z.string(),
        kind: z.enum(STAGE_KINDS),
        probability: z.number().int(),
        count: z.number().int(),
        amounts: z.array(
          z.object({
            currency: z.string(),
            amountMinor: z.number().int(),
            weightedMinor: z.number().int().describe('Amount × stage probability'),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'PipelineSummary' });

export const ZDeal = z
  .object({
    id,
    pipelineId: id,
    stageId: id,
    status: z.enum(STAGE_KINDS),
    title: z.string(),
    amountMinor: z.number().int(),
    currency: z.string(),
    expectedClose: z.string().nullable().describe('YYYY-MM-DD'),
    contactId: id.nullable(),
    companyId: id.nullable(),
    ownerId: id.nullable(),
    position: z.string().describe('Order within the stage column (compare byte-wise)'),
    closeReason: z.string().nullable(),
    closedAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Deal' });
export type TDeal = z.infer<typeof ZDeal>;

const amountMinor = z
  .number()
  .int()
  .min(0)
  .max(Number.MAX_SAFE_INTEGER)
  .describe('Integer minor units (cents): 1999 = 19.99');
const reason = z.string().trim().min(1).max(500);

export const ZDealCreate = z
  .object({
    title: z.string().trim().min(1).max(300),
    amountMinor: amountMinor.default(0),
    currency: ZCurrency.optional().describe("Defaults to the workspace's currency"),
    expectedClose: z.iso.date().nullish(),
    contactId: id.nullish(),
    companyId: id.nullish(),
    ownerId: id.nullish().describe('A member of the workspace; defaults to the signed-in user'),
    pipelineId: id.optional().describe('Defaults to the default pipeline'),
    stageId: id.optional().describe("Defaults to the pipeline's first stage"),
    reason: reason.optional().describe('Win or loss reason, required when created in a won or lost stage'),
  })
  .meta({ id: 'DealCreate' });
export type TDealCreate = z.infer<typeof ZDealCreate>;

export const ZDealUpdate = ZDealCreate.omit({ pipelineId: true, stageId: true, reason: true })
  .partial()
  .extend({ amountMinor: amountMinor.optional(), closeReason: reason.optional() })
  .meta({ id: 'DealUpdate', description: 'Stage changes go through the move endpoint.' });
export type TDealUpdate = z.infer<typeof ZDealUpdate>;

export const ZDealMove = z
  .object({
    stageId: id,
    afterId: id.optional().describe('Place the deal right after this one'),
    beforeId: id.optional().describe('Place the deal right before this one'),
    reason: reason.optional().describe('Win or loss reason, required when moving into a won or lost stage'),
  })
  .meta({ id: 'DealMove' });
export type TDealMove = z.infer<typeof ZDealMove>;

export const ZDealListQuery = z.object({
  pipelineId: id.optional(),
  stageId: id.optional(),
  ownerId: id.optional(),
  contactId: id.optional(),
  companyId: id.optional(),
  status: z.enum(STAGE_KINDS).optional(),
  q: z.string().trim().max(200).optional().describe('Matches the title'),
  sort: z
    .enum(['board', 'recent'])
    .optional()
    .describe('board = stage then position (default with pipelineId or stageId); recent = newest first'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
export type TDealListQuery = z.infer<typeof ZDealListQuery>;
