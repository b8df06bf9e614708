import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../../platform/http/context.ts';
import { page, ZListQuery } from '../../../../platform/http/pagination.ts';
import * as C from './contracts.ts';
import { createStorefront } from './create-storefront.ts';
import { deleteStorefront } from './delete-storefront.ts';
import { listDeliveries } from './list-deliveries.ts';
import { listStorefronts } from './list-storefronts.ts';
import { retryDelivery } from './retry-delivery.ts';
import { findStorefront, toStorefrontWithSecret } from './storefront-row.ts';
import { updateStorefront } from './update-storefront.ts';

const tags = ['Storefronts'];
const ZIdParams = z.object({ id: z.string().uuid() });
const ZDeliveryParams = z.object({ id: z.string().uuid(), deliveryId: z.string().uuid() });

/** Storefront connections (Shopify, WooCommerce): their webhook URLs and signing secrets. Secrets are for admins. */
export const storefrontRoutes: FastifyPluginAsyncZod = async (app) => {
  const { publicUrl } = app.deps.config;

  app.get(
    '/storefronts',
    {
      schema: {
        tags,
        summary: 'Connected storefronts with their webhook URLs (secrets only as a hint)',
        response: { 200: z.object({ data: z.array(C.ZStorefront) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listStorefronts({ db: ctx.db, workspaceId: ctx.workspaceId, publicUrl });
    },
  );

  app.post(
    '/storefronts',
    {
      schema: {
        tags,
        summary: 'Connect a storefront; answers its webhook URL and signing secret',
        body: C.ZCreateStorefrontRequest,
        response: { 201: C.ZStorefrontWithSecret },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      reply.status(201);
      return createStorefront({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body, publicUrl });
    },
  );

  app.get(
    '/storefronts/:id',
    {
      schema: {
        tags,
        summary: 'A storefront connection with its signing secret (admins)',
        params: ZIdParams,
        response: { 200: C.ZStorefrontWithSecret },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return toStorefrontWithSecret(await findStorefront(ctx.db, ctx.workspaceId, req.params.id), publicUrl);
    },
  );

  app.patch(
    '/storefronts/:id',
    {
      schema: {
        tags,
        summary: 'Rename a connection, replace its secret or change its shop host',
        params: ZIdParams,
        body: C.ZUpdateStorefrontRequest,
        response: { 200: C.ZStorefrontWithSecret },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return updateStorefront({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        id: req.params.id,
        input: req.body,
        publicUrl,
      });
    },
  );

  app.delete(
    '/storefronts/:id',
    {
      schema: {
        tags,
        summary: 'Disconnect a storefront (its orders stay; its webhook URL stops answering)',
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await deleteStorefront({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/storefronts/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Webhook deliveries received for a connection, newest first, with what was done',
        params: ZIdParams,
        querystring: ZListQuery,
        response: { 200: page(C.ZDelivery) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listDeliveries({ db: ctx.db, workspaceId: ctx.workspaceId, storefrontId: req.params.id, ...req.query });
    },
  );

  app.post(
    '/storefronts/:id/deliveries/:deliveryId/retry',
    {
      schema: {
        tags,
        summary: 'Process a failed delivery again (after fixing its cause: stock, a missing SKU)',
        params: ZDeliveryParams,
        response: { 202: C.ZDelivery },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      const view = await retryDelivery({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        storefrontId: req.params.id,
        deliveryId: req.params.deliveryId,
      });
      return reply.status(202).send(view);
    },
  );
};
