import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { ZUuidParams } from '../contracts/common.ts';
import { FIELD_TYPES } from '../schema.ts';
import { createCustomField, deleteCustomField, listCustomFields, updateCustomField } from './custom-fields.ts';
import { listLifecycleStages, replaceLifecycleStages } from './lifecycle-stages.ts';

const tags = ['Fields and stages'];
const ZEntity = z.enum(['contact', 'company']);
const ZCustomField = z
  .object({
    id: z.string().uuid(),
    entity: ZEntity,
    key: z.string(),
    label: z.string(),
    type: z.enum(FIELD_TYPES),
    options: z.array(z.string()),
    required: z.boolean(),
    position: z.number().int(),
  })
  .meta({ id: 'CustomField' });
const ZCustomFieldCreate = z.object({
  entity: ZEntity,
  key: z.string().trim().max(63).optional(),
  label: z.string().trim().min(1).max(120),
  type: z.enum(FIELD_TYPES),
  options: z.array(z.string().trim().min(1).max(120)).max(200).optional(),
  required: z.boolean().optional(),
  position: z.number().int().optional(),
});
const ZStage = z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/), label: z.string().trim().min(1).max(60) });

export const fieldRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/custom-fields',
    {
      schema: {
        tags,
        summary: 'Custom field definitions',
        querystring: z.object({ entity: ZEntity.optional() }),
        response: { 200: z.object({ data: z.array(ZCustomField) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return {
        data: await listCustomFields({
          db: ctx.db,
          workspaceId: ctx.workspaceId,
          ...(req.query.entity ? { entity: req.query.entity } : {}),
        }),
      };
    },
  );
  app.post(
    '/custom-fields',
    { schema: { tags, summary: 'Define a custom field', body: ZCustomFieldCreate, response: { 201: ZCustomField } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      return reply
        .status(201)
        .send(await createCustomField({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body }));
    },
  );
  app.patch(
    '/custom-fields/:id',
    {
      schema: {
        tags,
        summary: 'Change a custom field (its key and type are fixed)',
        params: ZUuidParams,
        body: ZCustomFieldCreate.pick({ label: true, options: true, required: true, position: true }).partial(),
        response: { 200: ZCustomField },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return updateCustomField({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, patch: req.body });
    },
  );
  app.delete(
    '/custom-fields/:id',
    { schema: { tags, summary: 'Delete a custom field definition', params: ZUuidParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await deleteCustomField({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/lifecycle-stages',
    {
      schema: {
        tags,
        summary: "The workspace's lifecycle stages, in order",
        response: { 200: z.object({ data: z.array(ZStage.extend({ position: z.number().int() })) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return { data: await listLifecycleStages({ db: ctx.db, workspaceId: ctx.workspaceId }) };
    },
  );
  app.put(
    '/lifecycle-stages',
    {
      schema: {
        tags,
        summary: 'Replace the lifecycle stages; contacts on a removed stage move as `reassign` says',
        body: z.object({
          stages: z.array(ZStage).min(1).max(30),
          reassign: z.record(z.string(), z.string()).optional(),
        }),
        response: { 200: z.object({ data: z.array(ZStage.extend({ position: z.number().int() })) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return { data: await replaceLifecycleStages({ db: ctx.db, workspaceId: ctx.workspaceId, ...req.body }) };
    },
  );
};
