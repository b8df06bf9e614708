import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import * as C from './contracts.ts';
import { createPickupPoint } from './create-pickup-point.ts';
import { deletePickupPoint } from './delete-pickup-point.ts';
import { getPickupPoint } from './get-pickup-point.ts';
import { listPickupPointsByRegion } from './list-by-region.ts';
import { listPickupPoints } from './list-pickup-points.ts';
import { nearestPickupPoints } from './nearest-pickup-points.ts';
import { localDate } from './open-at.ts';
import { pointCapacity } from './point-capacity.ts';
import { updatePickupPoint } from './update-pickup-point.ts';

const tags = ['Pickup points'];

export const pickupPointRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/pickup-points',
    {
      schema: {
        tags,
        summary: 'List pickup points by name, filtered',
        querystring: C.ZPickupListQuery,
        response: { 200: page(C.ZPickupPoint) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listPickupPoints({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.post(
    '/pickup-points',
    {
      schema: {
        tags,
        summary: 'Create a pickup point (own, partner or carrier)',
        body: C.ZPickupPointCreate,
        response: { 201: C.ZPickupPoint },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const p = await createPickupPoint({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body });
      return reply.status(201).send(p);
    },
  );

  app.get(
    '/pickup-points/nearest',
    {
      schema: {
        tags,
        summary: 'Nearest active pickup points to coordinates or a postcode, within a radius, nearest first',
        description:
          'Give `lat` and `lng`, or `postcode` and `country` (looked up in the postcode table; an unknown postcode ' +
          'answers 404 naming it). Filters: `capability` (all of), `kind` (any of), `openAt` (open at that instant ' +
          "in the point's time zone, exceptions included), `capacityOn` (a free slot on that date).",
        querystring: C.ZNearestQuery,
        response: { 200: C.ZNearestResult },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return nearestPickupPoints({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.get(
    '/pickup-points/by-region',
    {
      schema: {
        tags,
        summary: 'Active pickup points grouped by country and region (for a "collect near you" page)',
        querystring: C.ZByRegionQuery,
        response: { 200: C.ZByRegionResult },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listPickupPointsByRegion({ db: ctx.db, workspaceId: ctx.workspaceId, ...req.query });
    },
  );

  app.get(
    '/pickup-points/:id',
    { schema: { tags, summary: 'Get a pickup point', params: C.ZUuidParams, response: { 200: C.ZPickupPoint } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getPickupPoint(ctx.db, ctx.workspaceId, req.params.id);
    },
  );

  app.patch(
    '/pickup-points/:id',
    {
      schema: {
        tags,
        summary: 'Update a pickup point (only the fields given)',
        params: C.ZUuidParams,
        body: C.ZPickupPointUpdate,
        response: { 200: C.ZPickupPoint },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updatePickupPoint({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/pickup-points/:id',
    {
      schema: {
        tags,
        summary: 'Delete a pickup point no order is waiting at (otherwise deactivate it)',
        params: C.ZUuidParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await deletePickupPoint({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/pickup-points/:id/capacity',
    {
      schema: {
        tags,
        summary: 'Parcels claimed per day at a point (default: the next 14 days)',
        params: C.ZUuidParams,
        querystring: C.ZCapacityQuery,
        response: { 200: z.object({ data: z.array(C.ZCapacityDay) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const from =
        req.query.from ?? localDate(new Date(), (await getWorkspaceInfo(ctx.db, ctx.workspaceId))?.timezone ?? 'UTC');
      const data = await pointCapacity({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        id: req.params.id,
        from,
        days: req.query.days,
      });
      return { data };
    },
  );
};
