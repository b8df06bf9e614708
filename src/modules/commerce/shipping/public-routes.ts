import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { workspaceByPublicKey } from '../../identity/index.ts';
import { createQuote } from './create-quote.ts';
import { ZPublicQuote, ZPublicQuoteRequest } from './quote-contracts.ts';
import { getQuoteIndex } from './quote-index.ts';

const WIDGET_JS = fs.readFileSync(fileURLToPath(new URL('./widget/widget.js', import.meta.url)), 'utf8');

/** Any shop page may embed the widget: its script, config and quotes answer every origin (and only these routes). */
function cors(reply: FastifyReply) {
  reply.header('access-control-allow-origin', '*');
  reply.header('cross-origin-resource-policy', 'cross-origin');
  reply.header('vary', 'origin');
}

const ZKey = z.object({ key: z.string().min(1).max(100) });
const keyOf = (req: FastifyRequest) => String((req.params as { key?: unknown }).key ?? '').slice(0, 100);

/**
 * The quote widget's public side, under /p/shipping: the script (widget.js), and per public key, the countries it offers, and quotes. The workspace
 * is named by its public key, never its id. Quotes are rate-limited per address and key: they cost CPU and a stored
 * row each. Shoppers see each option's price, dates and tags; the breakdown (with the shop's margin) stays inside.
 */
export const shippingPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/shipping/widget.js',
    { schema: { hide: true }, config: { rateLimit: { max: 300, timeWindow: '1 minute' } } },
    async (_req, reply) => {
      cors(reply);
      return reply
        .header('cache-control', 'public, max-age=300')
        .type('application/javascript; charset=utf-8')
        .send(WIDGET_JS);
    },
  );

  app.get(
    '/shipping/:key/config',
    {
      schema: { hide: true, params: ZKey },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      cors(reply);
      const ws = await workspaceByPublicKey(db, req.params.key);
      if (!ws) throw AppError.notFound('Shop');
      const index = await getQuoteIndex(db, ws.id);
      return reply
        .header('cache-control', 'public, max-age=60')
        .send({ countries: index.countries, currency: ws.defaultCurrency });
    },
  );

  app.options(
    '/shipping/:key/quotes',
    { schema: { hide: true, params: ZKey }, config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (_req, reply) => {
      cors(reply);
      return reply
        .status(204)
        .header('access-control-allow-methods', 'POST, OPTIONS')
        .header('access-control-allow-headers', 'content-type')
        .header('access-control-max-age', '86400')
        .send();
    },
  );

  app.post(
    '/shipping/:key/quotes',
    {
      schema: { hide: true, params: ZKey, body: ZPublicQuoteRequest, response: { 201: ZPublicQuote } },
      config: {
        rateLimit: {
          max: 60,
          timeWindow: '1 minute',
          keyGenerator: (req: FastifyRequest) => `${req.ip}|${keyOf(req)}`,
        },
      },
      // Errors must carry the CORS header too, or the widget cannot read why.
      onRequest: async (_req, reply) => cors(reply),
    },
    async (req, reply) => {
      const ws = await workspaceByPublicKey(db, req.params.key);
      if (!ws) throw AppError.notFound('Shop');
      const q = await createQuote({ db, workspaceId: ws.id, input: req.body, source: 'widget' });
      return reply.status(201).send({
        quoteId: q.id,
        expiresAt: q.expiresAt,
        currency: q.currency,
        options: q.options.map((o) => ({
          id: o.id,
          tags: o.tags,
          carrierName: o.carrierName,
          serviceName: o.serviceName,
          serviceKind: o.serviceKind,
          priceMinor: o.priceMinor,
          freeShipping: o.breakdown.some((l) => l.code === 'free_shipping'),
          eta: { earliest: o.eta.earliest, latest: o.eta.latest },
        })),
      });
    },
  );
};
