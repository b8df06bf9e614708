import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { ZUuidParams } from '../../../platform/http/params.ts';
import { adjustStock } from './adjust-stock.ts';
import * as C from './contracts.ts';
import { createLocation } from './create-location.ts';
import { deleteLocation } from './delete-location.ts';
import { listLevels } from './list-levels.ts';
import { listMovements } from './list-movements.ts';
import { getPurchaseRequest, listPurchaseRequests } from './list-purchase-requests.ts';
import { getLocation, listLocations } from './locations.ts';
import { markPurchaseRequestShipped } from './mark-purchase-request-shipped.ts';
import { receiveStock } from './receive-stock.ts';
import { setLevel } from './set-level.ts';
import { updateLocation } from './update-location.ts';

const tags = ['Stock'];
const ZWritten = z.object({ movements: z.number().describe('Ledger rows written') });

export const stockRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/stock-locations',
    {
      schema: {
        tags,
        summary: 'List stock locations in allocation order (warehouses, shops, dropship suppliers)',
        querystring: C.ZLocationListQuery,
        response: { 200: page(C.ZLocation) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listLocations({ db: ctx.db, workspaceId: ctx.workspaceId, ...req.query });
    },
  );

  app.post(
    '/stock-locations',
    {
      schema: {
        tags,
        summary: 'Create a warehouse, shop or dropship supplier',
        body: C.ZLocationCreate,
        response: { 201: C.ZLocation },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      return reply
        .status(201)
        .send(await createLocation({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body }));
    },
  );

  app.get(
    '/stock-locations/:id',
    { schema: { tags, summary: 'Get a stock location', params: ZUuidParams, response: { 200: C.ZLocation } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getLocation({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.patch(
    '/stock-locations/:id',
    {
      schema: {
        tags,
        summary: 'Update a stock location (only the fields given)',
        params: ZUuidParams,
        body: C.ZLocationUpdate,
        response: { 200: C.ZLocation },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateLocation({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/stock-locations/:id',
    {
      schema: {
        tags,
        summary: 'Delete a location that never moved stock (deactivate it otherwise)',
        params: ZUuidParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await deleteLocation({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/stock-locations/:id/receive',
    {
      schema: {
        tags,
        summary: 'Receive goods at a location (on hand goes up)',
        params: ZUuidParams,
        body: C.ZReceive,
        response: { 201: ZWritten },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const r = await receiveStock({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        locationId: req.params.id,
        input: req.body,
      });
      return reply.status(201).send(r);
    },
  );

  app.post(
    '/stock-locations/:id/adjust',
    {
      schema: {
        tags,
        summary: 'Correct on-hand stock to a count or by a change, with a reason',
        params: ZUuidParams,
        body: C.ZAdjust,
        response: { 201: ZWritten },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const r = await adjustStock({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        locationId: req.params.id,
        input: req.body,
      });
      return reply.status(201).send(r);
    },
  );

  app.put(
    '/stock-locations/:id/levels/:variantId',
    {
      schema: {
        tags,
        summary: "Set a variant's low-stock threshold at a location (also links a variant to a dropship supplier)",
        params: C.ZLevelParams,
        body: C.ZLevelSettings,
        response: { 200: C.ZLevel },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const { id, variantId } = req.params;
      await setLevel({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        locationId: id,
        variantId,
        lowStockThreshold: req.body.lowStockThreshold,
      });
      const r = await listLevels({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        query: { locationId: id, variantId, limit: 1 },
      });
      return r.data[0]!;
    },
  );

  app.get(
    '/stock-levels',
    {
      schema: {
        tags,
        summary: 'Stock levels per location and variant (low=true: what needs reordering)',
        querystring: C.ZLevelListQuery,
        response: { 200: page(C.ZLevel) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listLevels({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.get(
    '/stock-movements',
    {
      schema: {
        tags,
        summary: 'The stock ledger, newest first',
        querystring: C.ZMovementListQuery,
        response: { 200: page(C.ZMovement) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listMovements({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.get(
    '/purchase-requests',
    {
      schema: {
        tags,
        summary: 'Purchase requests to dropship suppliers, newest first',
        querystring: C.ZPurchaseRequestListQuery,
        response: { 200: page(C.ZPurchaseRequest) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listPurchaseRequests({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.get(
    '/purchase-requests/:id',
    {
      schema: { tags, summary: 'Get a purchase request', params: ZUuidParams, response: { 200: C.ZPurchaseRequest } },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getPurchaseRequest({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.post(
    '/purchase-requests/:id/shipped',
    {
      schema: {
        tags,
        summary: "Record the supplier's shipment (raises purchase_request.shipped for the order)",
        params: ZUuidParams,
        body: C.ZPurchaseRequestShipped,
        response: { 200: C.ZPurchaseRequest },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return markPurchaseRequestShipped({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        id: req.params.id,
        input: req.body,
      });
    },
  );
};
