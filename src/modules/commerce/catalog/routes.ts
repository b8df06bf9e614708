import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { ZUuidParams } from '../../../platform/http/params.ts';
import { addVariant } from './add-variant.ts';
import * as C from './contracts.ts';
import { createCategory } from './create-category.ts';
import { createProduct } from './create-product.ts';
import { deleteCategory } from './delete-category.ts';
import { deleteProduct } from './delete-product.ts';
import { deleteVariant } from './delete-variant.ts';
import { getProduct } from './get-product.ts';
import { getVariant } from './get-variant.ts';
import { listCategories } from './list-categories.ts';
import { listProducts } from './list-products.ts';
import { updateCategory } from './update-category.ts';
import { updateProduct } from './update-product.ts';
import { updateVariant } from './update-variant.ts';

const tags = ['Catalog'];

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/products',
    {
      schema: {
        tags,
        summary: 'List and search products with their variants',
        querystring: C.ZProductListQuery,
        response: { 200: page(C.ZProduct) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listProducts({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.post(
    '/products',
    {
      schema: {
        tags,
        summary: 'Create a product with its variants and prices',
        body: C.ZProductCreate,
        response: { 201: C.ZProduct },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      return reply.status(201).send(await createProduct({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body }));
    },
  );

  app.get(
    '/products/:id',
    {
      schema: { tags, summary: 'Get a product with its variants', params: ZUuidParams, response: { 200: C.ZProduct } },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getProduct({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.patch(
    '/products/:id',
    {
      schema: {
        tags,
        summary: 'Update a product (only the fields given; variants have their own endpoints)',
        params: ZUuidParams,
        body: C.ZProductUpdate,
        response: { 200: C.ZProduct },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateProduct({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/products/:id',
    {
      schema: {
        tags,
        summary: 'Delete a product whose variants never moved stock (archive it otherwise)',
        params: ZUuidParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await deleteProduct({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/products/:id/variants',
    {
      schema: {
        tags,
        summary: "A product's variants",
        params: ZUuidParams,
        response: { 200: z.object({ data: z.array(C.ZVariant) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const p = await getProduct({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return { data: p.variants };
    },
  );

  app.post(
    '/products/:id/variants',
    {
      schema: {
        tags,
        summary: 'Add a variant to a product',
        params: ZUuidParams,
        body: C.ZVariantInput,
        response: { 201: C.ZVariant },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const v = await addVariant({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        productId: req.params.id,
        input: req.body,
      });
      return reply.status(201).send(v);
    },
  );

  app.get(
    '/variants/:id',
    { schema: { tags, summary: 'Get a variant', params: ZUuidParams, response: { 200: C.ZVariant } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getVariant({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.patch(
    '/variants/:id',
    {
      schema: {
        tags,
        summary: 'Update a variant (prices, when given, replace the list)',
        params: ZUuidParams,
        body: C.ZVariantUpdate,
        response: { 200: C.ZVariant },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateVariant({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/variants/:id',
    {
      schema: {
        tags,
        summary: 'Delete a variant that never moved stock (not the last one of its product)',
        params: ZUuidParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await deleteVariant({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/categories',
    {
      schema: {
        tags,
        summary: 'List categories in tree order, each with its full path',
        querystring: C.ZCategoryListQuery,
        response: { 200: page(C.ZCategory) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listCategories({ db: ctx.db, workspaceId: ctx.workspaceId, ...req.query });
    },
  );

  app.post(
    '/categories',
    {
      schema: {
        tags,
        summary: 'Create a category (top-level, or under a parent)',
        body: C.ZCategoryCreate,
        response: { 201: C.ZCategory },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      return reply
        .status(201)
        .send(await createCategory({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body }));
    },
  );

  app.patch(
    '/categories/:id',
    {
      schema: {
        tags,
        summary: 'Rename or move a category',
        params: ZUuidParams,
        body: C.ZCategoryUpdate,
        response: { 200: C.ZCategory },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateCategory({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/categories/:id',
    {
      schema: {
        tags,
        summary: 'Delete a category; its products and sub-categories move up to its parent',
        params: ZUuidParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await deleteCategory({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );
};
