import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { ZUuidParams } from '../../../platform/http/params.ts';
import { cancelOrder } from './cancel-order.ts';
import * as C from './contracts.ts';
import { createOrder, createOrders } from './create-order.ts';
import { deliverOrder } from './deliver-order.ts';
import { fulfilOrder } from './fulfil-order.ts';
import { getOrder } from './get-order.ts';
import { listOrders } from './list-orders.ts';
import { getPickList } from './pick-list.ts';
import { recordPayment } from './record-payment.ts';
import { refundOrder } from './refund-order.ts';
import { shipOrder } from './ship-order.ts';

const tags = ['Orders'];
const actor = (req: FastifyRequest) => req.auth.userId;

export const orderRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/orders',
    {
      schema: {
        tags,
        summary: 'Create an order (idempotent by source + externalId: a repeat answers 200 with the existing order)',
        body: C.ZOrderInput,
        response: { 200: C.ZOrder, 201: C.ZOrder },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const r = await createOrder(ctx.db, { workspaceId: ctx.workspaceId, actorId: actor(req), input: req.body });
      const order = await getOrder({ db: ctx.db, workspaceId: ctx.workspaceId, id: r.order.id });
      return reply.status(r.status === 'created' ? 201 : 200).send(order);
    },
  );

  app.post(
    '/orders/batch',
    {
      schema: {
        tags,
        summary: 'Create up to 1,000 orders (POS and offline batches, imports); each order succeeds or fails alone',
        body: C.ZOrderBatchRequest,
        response: { 200: C.ZOrderBatchResponse },
      },
      // A full batch of large orders is several megabytes of JSON.
      bodyLimit: 32 * 1024 * 1024,
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const { results } = await createOrders(ctx.db, {
        workspaceId: ctx.workspaceId,
        actorId: actor(req),
        inputs: req.body.orders,
      });
      const count = (s: string) => results.filter((r) => r.status === s).length;
      return {
        created: count('created'),
        existing: count('existing'),
        failed: count('error'),
        results: results.map((r, index) => ({ index, ...r })),
      };
    },
  );

  app.get(
    '/orders',
    {
      schema: {
        tags,
        summary: 'List orders, newest first: by status, source, customer, dates; search by number or email',
        querystring: C.ZOrderListQuery,
        response: { 200: page(C.ZOrderSummary) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listOrders({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.get(
    '/orders/:id',
    {
      schema: {
        tags,
        summary: 'Get an order with its lines, payments, shipments and history',
        params: ZUuidParams,
        response: { 200: C.ZOrder },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getOrder({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.post(
    '/orders/:id/payments',
    {
      schema: {
        tags,
        summary: 'Record a payment (the one that completes the total makes the order paid)',
        params: ZUuidParams,
        body: C.ZPaymentCreate,
        response: { 200: C.ZOrder },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return recordPayment(ctx.db, {
        workspaceId: ctx.workspaceId,
        actorId: actor(req),
        orderId: req.params.id,
        input: req.body,
      });
    },
  );

  app.post(
    '/orders/:id/fulfil',
    {
      schema: {
        tags,
        summary: 'Fulfil lines (all open ones, the ones given, or a location’s pick list): the units leave stock',
        params: ZUuidParams,
        body: C.ZFulfilRequest,
        response: { 200: C.ZOrder },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return fulfilOrder(ctx.db, {
        workspaceId: ctx.workspaceId,
        actorId: actor(req),
        orderId: req.params.id,
        input: req.body,
      });
    },
  );

  app.post(
    '/orders/:id/shipments',
    {
      schema: {
        tags,
        summary: 'Ship fulfilled units with a tracking number and carrier',
        params: ZUuidParams,
        body: C.ZShipmentCreate,
        response: { 200: C.ZOrder },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return shipOrder(ctx.db, {
        workspaceId: ctx.workspaceId,
        actorId: actor(req),
        orderId: req.params.id,
        input: req.body,
      });
    },
  );

  app.post(
    '/orders/:id/deliver',
    {
      schema: {
        tags,
        summary: 'Mark a shipment (or every one on its way) delivered',
        params: ZUuidParams,
        body: C.ZDeliverRequest,
        response: { 200: C.ZOrder },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return deliverOrder(ctx.db, {
        workspaceId: ctx.workspaceId,
        actorId: actor(req),
        orderId: req.params.id,
        input: req.body,
      });
    },
  );

  app.post(
    '/orders/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an order not yet fulfilled: its stock and pickup capacity are released',
        params: ZUuidParams,
        body: C.ZCancelRequest,
        response: { 200: C.ZOrder },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return cancelOrder(ctx.db, {
        workspaceId: ctx.workspaceId,
        actorId: actor(req),
        orderId: req.params.id,
        input: req.body,
      });
    },
  );

  app.post(
    '/orders/:id/refunds',
    {
      schema: {
        tags,
        summary: 'Refund money, optionally taking units back into stock',
        params: ZUuidParams,
        body: C.ZRefundCreate,
        response: { 200: C.ZOrder },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return refundOrder(ctx.db, {
        workspaceId: ctx.workspaceId,
        actorId: actor(req),
        orderId: req.params.id,
        input: req.body,
      });
    },
  );

  app.get(
    '/pick-lists',
    {
      schema: {
        tags,
        summary: 'What is still to pick, per stock location (oldest orders first)',
        querystring: C.ZPickListQuery,
        response: { 200: C.ZPickList },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getPickList(ctx.db, ctx.workspaceId, req.query.locationId);
    },
  );
};
