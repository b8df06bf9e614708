import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { receiveDelivery } from './receive-delivery.ts';

/** Shopify's largest order bodies (hundreds of lines with their tax and discount detail) stay well under this. */
const BODY_LIMIT = 4 * 1024 * 1024;
const ZParams = z.object({ publicKey: z.string().min(1).max(80) });

/**
 * Storefront webhooks, public under /p: `POST /p/storefronts/{publicKey}/shopify` and `…/woocommerce`. The key names
 * the connection (and so the workspace) without revealing either. Signatures are over the exact bytes sent, so this
 * plugin — and only it — reads every body as a raw buffer, whatever its content type.
 */
export const storefrontWebhookRoutes: FastifyPluginAsyncZod = async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));

  const rawBody = (req: FastifyRequest): Buffer => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  const rateLimit = {
    max: 1200,
    timeWindow: '1 minute',
    keyGenerator: (req: FastifyRequest) => `${req.ip}|${(req.params as { publicKey?: string }).publicKey ?? ''}`,
  };

  for (const platform of ['shopify', 'woocommerce'] as const) {
    app.post(
      `/storefronts/:publicKey/${platform}`,
      { schema: { hide: true, params: ZParams }, bodyLimit: BODY_LIMIT, config: { rateLimit } },
      async (req, reply) => {
        const out = await receiveDelivery({
          db: req.server.deps.db,
          publicKey: req.params.publicKey,
          platform,
          headers: req.headers,
          body: rawBody(req),
        });
        // Any 2xx tells the platform the delivery arrived; a repeat is not an error to retry.
        reply.header('cache-control', 'no-store');
        if (out.kind === 'ping') return { ok: true, ping: true };
        if (out.kind === 'duplicate') return { ok: true, duplicate: true };
        return { ok: true, queued: out.queued };
      },
    );
  }
};
