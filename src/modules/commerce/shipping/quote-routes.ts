import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page, ZListQuery } from '../../../platform/http/pagination.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import { ADAPTERS } from './adapters/registry.ts';
import * as C from './contracts.ts';
import { createQuote, quoteJson } from './create-quote.ts';
import { getQuote } from './get-quote.ts';
import { type TQuote, ZQuote, ZQuoteOption, ZQuoteRequest } from './quote-contracts.ts';
import { getQuoteIndex } from './quote-index.ts';
import { createRule, deleteRule, listRules, updateRule } from './rule-use-cases.ts';

const tags = ['Shipping'];

/** Quotes, the workspace's margin and free-shipping rules, the widget snippet. */
export const quoteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/shipping/quotes',
    {
      schema: {
        tags,
        summary: 'Quote every delivery option for a destination and parcels (or a cart), ranked and tagged',
        description:
          'Each option carries its price breakdown (base, per_kg, oversize, remote, fuel, cod, carrier, margin, ' +
          'free_shipping) and delivery dates. Options are ranked cheapest first and tagged cheapest, fastest and ' +
          'best_value (docs/commerce/shipping.md). The quote is stored for 7 days: an order takes an option with ' +
          '`shipping: { quoteId, optionId }`. Carrier APIs that fail or time out only add a warning.',
        body: ZQuoteRequest,
        response: { 201: ZQuote },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const q = await createQuote({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body, source: 'api' });
      // Sent as JSON text (Fastify passes a string through unserialised): re-validating 50 options against the
      // schema would cost more than computing them. The schema still documents the shape; TQuote guarantees it.
      return reply
        .status(201)
        .type('application/json; charset=utf-8')
        .send(quoteJson(q) as unknown as TQuote);
    },
  );

  app.get(
    '/shipping/quotes/:quoteId',
    {
      schema: {
        tags,
        summary: 'A stored quote and its options',
        params: C.ZQuoteParams,
        response: {
          200: z.object({
            id: z.string().uuid(),
            source: z.enum(['api', 'widget']),
            currency: z.string(),
            destination: z.record(z.string(), z.unknown()),
            parcels: z.array(z.unknown()),
            options: z.array(ZQuoteOption),
            createdAt: z.string(),
            expiresAt: z.string(),
            expired: z.boolean(),
          }),
        },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getQuote({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.quoteId });
    },
  );

  app.get(
    '/shipping/rules',
    {
      schema: {
        tags,
        summary: 'Margin and free-shipping rules',
        querystring: ZListQuery,
        response: { 200: page(C.ZRule) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listRules({ db: ctx.db, workspaceId: ctx.workspaceId, ...req.query });
    },
  );

  app.post(
    '/shipping/rules',
    {
      schema: {
        tags,
        summary: 'Add a margin rule (percent and/or fixed markup) or a free-shipping rule (from an order value)',
        description:
          'Per option, the most specific margin rule applies (service over carrier over workspace-wide), then any ' +
          'free-shipping rule whose threshold the order value reaches.',
        body: C.ZRuleCreate,
        response: { 201: C.ZRule },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      return reply.status(201).send(await createRule({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body }));
    },
  );

  app.patch(
    '/shipping/rules/:ruleId',
    {
      schema: {
        tags,
        summary: 'Change a shipping rule',
        params: C.ZRuleParams,
        body: C.ZRuleUpdate,
        response: { 200: C.ZRule },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return updateRule({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.ruleId, input: req.body });
    },
  );

  app.delete(
    '/shipping/rules/:ruleId',
    { schema: { tags, summary: 'Remove a shipping rule', params: C.ZRuleParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await deleteRule({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.ruleId });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/shipping/adapters',
    {
      schema: { tags, summary: 'Carrier APIs Freehold can quote through', response: { 200: z.array(C.ZAdapterInfo) } },
    },
    async (req) => {
      workspaceCtx(req);
      return Object.values(ADAPTERS).map((a) => ({
        name: a.name,
        label: a.label,
        docsUrl: a.docsUrl,
        needsSecret: a.needsSecret,
      }));
    },
  );

  app.get(
    '/shipping/widget',
    {
      schema: {
        tags,
        summary: 'The quote widget: public key and the snippet to paste into a shop page',
        response: { 200: C.ZWidgetInfo },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const ws = await getWorkspaceInfo(ctx.db, ctx.workspaceId);
      if (!ws) throw AppError.notFound('Workspace');
      const index = await getQuoteIndex(ctx.db, ctx.workspaceId);
      const scriptUrl = `${app.deps.config.publicUrl}/p/shipping/widget.js`;
      return {
        publicKey: ws.publicKey,
        scriptUrl,
        snippet: `<div data-freehold-shipping="${ws.publicKey}" data-weight-grams="1000"></div>\n<script src="${scriptUrl}" async></script>`,
        countries: index.countries,
        currency: ws.defaultCurrency,
      };
    },
  );
};
