import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { html, publicPage } from '../../../platform/http/public-page.ts';
import { workspaceByPublicKey } from '../../identity/index.ts';
import { type TNearestResult, type TPickupPoint, ZNearestQuery } from './contracts.ts';
import { listPickupPointsByRegion } from './list-by-region.ts';
import { nearestPickupPoints } from './nearest-pickup-points.ts';
import { renderCollectPage } from './render-collect-page.ts';

const WIDGET_JS = fs.readFileSync(fileURLToPath(new URL('./widget/picker.js', import.meta.url)), 'utf8');

const ZKeyParams = z.object({ publicKey: z.string().min(3).max(80) });

/** What a shop's visitors may see of a point: no partner contact details, no capacity figures. */
export type PublicPoint = {
  id: string;
  name: string;
  kind: TPickupPoint['kind'];
  carrier: string | null;
  partnerName: string | null;
  address: TPickupPoint['address'];
  lat: number;
  lng: number;
  hoursText: string;
  capabilities: TPickupPoint['capabilities'];
  fee: TPickupPoint['fee'];
  instructions: string | null;
  distanceKm?: number;
  openNow?: boolean | null;
};

export const toPublicPoint = (p: TPickupPoint & { distanceKm?: number; openNow?: boolean | null }): PublicPoint => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  carrier: p.carrier,
  partnerName: p.partner?.name ?? null,
  address: p.address,
  lat: p.lat,
  lng: p.lng,
  hoursText: p.hoursText,
  capabilities: p.capabilities,
  fee: p.fee,
  instructions: p.instructions,
  ...(p.distanceKm !== undefined ? { distanceKm: p.distanceKm } : {}),
  ...(p.openNow !== undefined ? { openNow: p.openNow } : {}),
});

/** Any shop's checkout may call these: the widget script and its JSON answer every origin. */
function cors(reply: FastifyReply) {
  reply.header('access-control-allow-origin', '*');
  reply.header('vary', 'origin');
}

/**
 * Per visitor address and public key: one visitor cannot flood a shop's point search, nor use up another shop's
 * allowance. The key alone would let one visitor lock every customer of that shop out.
 */
const perKey = (max: number) => ({
  rateLimit: {
    max,
    timeWindow: '1 minute',
    keyGenerator: (req: FastifyRequest) => `${req.ip}|${(req.params as { publicKey?: string }).publicKey ?? ''}`,
  },
});

export const pickupPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;

  app.get(
    '/pickup/widget.js',
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
    '/pickup/:publicKey/nearest.json',
    {
      schema: { hide: true, params: ZKeyParams, querystring: ZNearestQuery },
      config: perKey(120),
    },
    async (req, reply) => {
      cors(reply);
      const ws = await workspaceByPublicKey(db, req.params.publicKey);
      if (!ws) throw AppError.notFound('Shop');
      const query = { ...req.query, limit: Math.min(req.query.limit, 20) };
      const r: TNearestResult = await nearestPickupPoints({ db, workspaceId: ws.id, query });
      reply.header('cache-control', 'no-store');
      return { origin: r.origin, radiusKm: r.radiusKm, data: r.data.map(toPublicPoint) };
    },
  );

  app.get(
    '/pickup/:publicKey',
    {
      schema: {
        hide: true,
        params: ZKeyParams,
        querystring: z.object({ postcode: z.string().max(20).optional(), country: z.string().max(2).optional() }),
      },
      config: perKey(60),
    },
    async (req, reply) => {
      const ws = await workspaceByPublicKey(db, req.params.publicKey);
      if (!ws) {
        const title = 'Page not found';
        const message = 'This shop has no pickup page here. Check the address, or ask the shop for the right link.';
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(publicPage({ title, body: html`<h1>${title}</h1><p>${message}</p>` }));
      }
      const regions = await listPickupPointsByRegion({ db, workspaceId: ws.id });
      const countries = [...new Set(regions.data.map((g) => g.country))];
      let search: Parameters<typeof renderCollectPage>[0]['search'] = null;
      const postcode = req.query.postcode?.trim();
      if (postcode) {
        const country = (req.query.country || countries[0] || '').toUpperCase();
        try {
          const parsed = ZNearestQuery.parse({ postcode, country, limit: 10 });
          const r = await nearestPickupPoints({ db, workspaceId: ws.id, query: parsed });
          search = { postcode, country, result: r, error: null };
        } catch (err) {
          const message =
            err instanceof AppError
              ? err.message
              : err instanceof z.ZodError
                ? `"${country}" is not a country code this page knows.`
                : null;
          if (message === null) throw err;
          search = { postcode, country, result: null, error: message };
        }
      }
      reply.header('cache-control', 'no-store');
      return reply.type('text/html; charset=utf-8').send(
        renderCollectPage({
          shopName: ws.name,
          publicKey: ws.publicKey,
          regions: regions.data,
          countries,
          search,
          publicUrl: config.publicUrl,
        }),
      );
    },
  );
};
