import { z } from 'zod';
import { ZListQuery } from '../../../platform/http/pagination.ts';

export const ZOutboxQuery = ZListQuery.extend({
  to: z.string().trim().max(254).optional().describe('Only messages to this address (exact, case-insensitive)'),
  q: z.string().trim().max(200).optional().describe('Words in the subject'),
});
export type TOutboxQuery = z.infer<typeof ZOutboxQuery>;

export const ZOutboxItem = z
  .object({
    id: z.string().uuid(),
    messageId: z.string(),
    from: z.string(),
    to: z.string(),
    subject: z.string(),
    createdAt: z.date(),
  })
  .meta({ id: 'OutboxItem' });

export const ZOutboxMessage = ZOutboxItem.extend({
  html: z.string(),
  text: z.string(),
  headers: z.record(z.string(), z.string()),
}).meta({ id: 'OutboxMessage' });
