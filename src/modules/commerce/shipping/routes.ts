import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page, ZListQuery } from '../../../platform/http/pagination.ts';
import { archiveCarrier, createCarrier, getCarrier, listCarriers, updateCarrier } from './carrier-use-cases.ts';
import * as C from './contracts.ts';
import { importRateCard } from './import-rate-card.ts';
import { activateRateCard, getRateCard, listRateCards, rateCardSource } from './rate-card-use-cases.ts';
import { createService, updateService } from './service-use-cases.ts';

const tags = ['Shipping'];
const EXAMPLE_CARD = fs.readFileSync(
  fileURLToPath(new URL('./examples/rate-card-example.csv', import.meta.url)),
  'utf8',
);

/** `attachment; filename=…` for any name: an ASCII fallback plus the RFC 6266/5987 UTF-8 form. */
const contentDisposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Carriers, their services and rate card versions. Reading is for members; changing prices needs an admin. */
export const carrierRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/carriers',
    {
      schema: {
        tags,
        summary: 'List carriers with their services and active rate card',
        querystring: ZListQuery,
        response: { 200: page(C.ZCarrier) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listCarriers({ db: ctx.db, workspaceId: ctx.workspaceId, ...req.query });
    },
  );

  app.post(
    '/carriers',
    {
      schema: {
        tags,
        summary: 'Create a carrier: priced by rate cards, or by a carrier API through an adapter',
        body: C.ZCarrierCreate,
        response: { 201: C.ZCarrier },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      return reply.status(201).send(await createCarrier({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body }));
    },
  );

  app.get(
    '/carriers/rate-card-example.csv',
    {
      schema: {
        tags,
        summary: 'An example rate card CSV (every row type, documented in docs/commerce/shipping.md)',
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      workspaceCtx(req);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition('rate-card-example.csv'))
        .send(EXAMPLE_CARD);
    },
  );

  app.get(
    '/carriers/:id',
    { schema: { tags, summary: 'Get a carrier', params: C.ZCarrierParams, response: { 200: C.ZCarrier } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getCarrier({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.patch(
    '/carriers/:id',
    {
      schema: {
        tags,
        summary: 'Rename, (de)activate a carrier, or change its adapter settings',
        params: C.ZCarrierParams,
        body: C.ZCarrierUpdate,
        response: { 200: C.ZCarrier },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return updateCarrier({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/carriers/:id',
    {
      schema: {
        tags,
        summary: 'Archive a carrier (its rate card versions are kept for the orders that refer to them)',
        params: C.ZCarrierParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await archiveCarrier({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/carriers/:id/services',
    {
      schema: {
        tags,
        summary: 'Add a service (home delivery, pickup point or locker) to a carrier',
        params: C.ZCarrierParams,
        body: C.ZServiceCreate,
        response: { 201: C.ZService },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      const s = await createService({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        carrierId: req.params.id,
        input: req.body,
      });
      return reply.status(201).send(s);
    },
  );

  app.patch(
    '/carriers/:id/services/:serviceId',
    {
      schema: {
        tags,
        summary: 'Rename, re-type or (de)activate a service',
        params: C.ZServiceParams,
        body: C.ZServiceUpdate,
        response: { 200: C.ZService },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return updateService({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        carrierId: req.params.id,
        id: req.params.serviceId,
        input: req.body,
      });
    },
  );

  app.get(
    '/carriers/:id/rate-cards',
    {
      schema: {
        tags,
        summary: "A carrier's rate card versions, newest first",
        params: C.ZCarrierParams,
        querystring: ZListQuery,
        response: { 200: page(C.ZRateCardSummary) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listRateCards({ db: ctx.db, workspaceId: ctx.workspaceId, carrierId: req.params.id, ...req.query });
    },
  );

  app.post(
    '/carriers/:id/rate-cards',
    {
      // A 5 MB CSV inside JSON: above Fastify's 1 MB default body limit.
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import a rate card CSV as the next version and activate it (all or nothing)',
        description:
          'The CSV format is in docs/commerce/shipping.md. Any problem in the file answers 400 with one error per ' +
          'problem, `field` = `row.<line>.<column>`; nothing is stored and the previous version stays active. ' +
          'With dryRun the file is only checked.',
        params: C.ZCarrierParams,
        body: C.ZRateCardImport,
        response: { 201: C.ZRateCardImportResult, 200: C.ZRateCardImportResult },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      const r = await importRateCard({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        carrierId: req.params.id,
        userId: ctx.userId,
        csv: req.body.csv,
        filename: req.body.filename,
        dryRun: req.body.dryRun,
      });
      return reply.status(req.body.dryRun ? 200 : 201).send(r);
    },
  );

  app.get(
    '/carriers/:id/rate-cards/:rateCardId',
    {
      schema: {
        tags,
        summary: 'A rate card version with its parsed content',
        params: C.ZRateCardParams,
        response: { 200: C.ZRateCardDetail },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getRateCard({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        carrierId: req.params.id,
        id: req.params.rateCardId,
      });
    },
  );

  app.get(
    '/carriers/:id/rate-cards/:rateCardId/source',
    {
      schema: {
        tags,
        summary: 'Download the CSV a rate card version was imported from',
        params: C.ZRateCardParams,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const f = await rateCardSource({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        carrierId: req.params.id,
        id: req.params.rateCardId,
      });
      const name = f.filename.replace(/\.csv$/i, '');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(`${name}-v${f.version}.csv`))
        .send(f.source);
    },
  );

  app.post(
    '/carriers/:id/rate-cards/:rateCardId/activate',
    {
      schema: {
        tags,
        summary: 'Make a rate card version the active one (roll back or forward)',
        params: C.ZRateCardParams,
        response: { 200: C.ZRateCardSummary },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return activateRateCard({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        carrierId: req.params.id,
        id: req.params.rateCardId,
      });
    },
  );
};
