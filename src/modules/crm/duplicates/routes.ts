import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { ZContact } from '../contacts/contracts.ts';
import { ZUuidParams } from '../contracts/common.ts';
import * as C from './contracts.ts';
import { listDuplicates, scanState } from './list-duplicates.ts';
import { mergeContacts } from './merge-contacts.ts';
import { requestDuplicateScan } from './scan-duplicates.ts';
import { unmergeContacts } from './unmerge-contacts.ts';

const tags = ['Contacts'];

export const duplicateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/duplicates',
    {
      schema: {
        tags,
        summary: 'Contacts that look like the same person (shared email or phone, similar name at one company)',
        description:
          'Pairs found by the last background scan; merged or erased contacts drop out at once. A missing or day-old ' +
          'scan is queued automatically (`scan.status`).',
        querystring: C.ZDuplicateListQuery,
        response: { 200: C.ZDuplicateList },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listDuplicates({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.post(
    '/duplicates/scan',
    {
      schema: {
        tags,
        summary: 'Look for duplicates again now (runs in the background)',
        response: { 202: C.ZDuplicateScan },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await requestDuplicateScan({ db: ctx.db, workspaceId: ctx.workspaceId });
      reply.status(202);
      return scanState(ctx.db, ctx.workspaceId);
    },
  );

  app.post(
    '/contacts/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge another contact into this one (undo with unmerge)',
        params: ZUuidParams,
        body: C.ZMergeRequest,
        response: { 200: ZContact },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return mergeContacts({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        id: req.params.id,
        otherId: req.body.otherId,
      });
    },
  );

  app.post(
    '/contacts/:id/unmerge',
    {
      schema: {
        tags,
        summary: 'Undo a merge: restore the merged contact with its history',
        params: ZUuidParams,
        body: C.ZMergeRequest,
        response: { 200: C.ZUnmergeResult },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return unmergeContacts({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        id: req.params.id,
        otherId: req.body.otherId,
      });
    },
  );
};
