import { z } from 'zod';
import { ZAddress, ZAddressInput, ZCustomValues, ZSourceInput, ZSourceTouch } from '../contracts/common.ts';

const text = (max: number) => z.string().trim().max(max);

export const ZCompany = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    domain: z.string().nullable(),
    website: z.string().nullable(),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    industry: z.string().nullable(),
    address: ZAddress,
    social: z.record(z.string(), z.string()),
    tags: z.array(z.string()),
    ownerId: z.string().uuid().nullable(),
    custom: ZCustomValues,
    source: z.object({ first: ZSourceTouch.nullable(), latest: ZSourceTouch.nullable() }),
    contactCount: z.number().int().optional(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Company' });

export const ZCompanyCreate = z
  .object({
    name: text(200).min(1),
    domain: text(200).nullish(),
    website: text(500).nullish(),
    emails: z.array(text(254)).max(20).optional(),
    phones: z.array(text(40)).max(20).optional(),
    industry: text(120).nullish(),
    address: ZAddressInput.optional(),
    social: z.record(z.string(), text(500)).optional(),
    tags: z.array(text(80)).max(100).optional(),
    ownerId: z.string().uuid().nullish(),
    custom: ZCustomValues.optional(),
    source: ZSourceInput.optional(),
  })
  .meta({ id: 'CompanyCreate' });
export type TCompanyCreate = z.infer<typeof ZCompanyCreate>;
export const ZCompanyUpdate = ZCompanyCreate.omit({ source: true }).partial().meta({ id: 'CompanyUpdate' });
export type TCompanyUpdate = z.infer<typeof ZCompanyUpdate>;

export const ZCompanyListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  tags: z.string().optional(),
  ownerId: z.string().uuid().optional(),
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt']).default('name'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
export type TCompanyListQuery = z.infer<typeof ZCompanyListQuery>;
