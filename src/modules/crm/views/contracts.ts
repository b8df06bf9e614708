import { z } from 'zod';

export const VIEW_ENTITIES = ['contact', 'company', 'deal'] as const;
export type ViewEntity = (typeof VIEW_ENTITIES)[number];

const ZQueryValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.array(z.string().max(200)).max(100)]);

export const ZViewQuery = z
  .record(z.string().max(60), ZQueryValue)
  .describe('The list\'s query parameters as an object, e.g. { "tags": "vip", "sort": "-createdAt" }');

export const ZSavedView = z
  .object({
    id: z.string().uuid(),
    entity: z.enum(VIEW_ENTITIES),
    name: z.string(),
    query: z.record(z.string(), z.unknown()),
    createdBy: z.string().uuid().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'SavedView' });
export type TSavedView = z.infer<typeof ZSavedView>;

export const ZSavedViewCreate = z
  .object({ entity: z.enum(VIEW_ENTITIES), name: z.string().trim().min(1).max(120), query: ZViewQuery })
  .meta({ id: 'SavedViewCreate' });
export type TSavedViewCreate = z.infer<typeof ZSavedViewCreate>;

export const ZSavedViewUpdate = z
  .object({ name: z.string().trim().min(1).max(120).optional(), query: ZViewQuery.optional() })
  .meta({ id: 'SavedViewUpdate' });
export type TSavedViewUpdate = z.infer<typeof ZSavedViewUpdate>;

export const ZSavedViewListQuery = z.object({ entity: z.enum(VIEW_ENTITIES).optional() });
