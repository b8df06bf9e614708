import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { ZUuidParams } from '../contracts/common.ts';
import { completeTask } from './complete-task.ts';
import * as C from './contracts.ts';
import { createTask } from './create-task.ts';
import { deleteTask } from './delete-task.ts';
import { listTasks } from './list-tasks.ts';
import { reopenTask } from './reopen-task.ts';
import { getTask } from './task-row.ts';
import { updateTask } from './update-task.ts';

const tags = ['Tasks'];

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tasks',
    {
      schema: {
        tags,
        summary: 'List tasks (today, overdue, upcoming…)',
        querystring: C.ZTaskListQuery,
        response: { 200: page(C.ZTask) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listTasks({ db: ctx.db, workspaceId: ctx.workspaceId, userId: ctx.userId, query: req.query });
    },
  );

  app.post(
    '/tasks',
    { schema: { tags, summary: 'Create a task', body: C.ZTaskCreate, response: { 201: C.ZTask } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return createTask({ db: ctx.db, workspaceId: ctx.workspaceId, actorId: ctx.userId, input: req.body });
    },
  );

  app.get(
    '/tasks/:id',
    { schema: { tags, summary: 'A task', params: ZUuidParams, response: { 200: C.ZTask } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getTask({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.patch(
    '/tasks/:id',
    {
      schema: { tags, summary: 'Change a task', params: ZUuidParams, body: C.ZTaskUpdate, response: { 200: C.ZTask } },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateTask({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/tasks/:id',
    { schema: { tags, summary: 'Delete a task', params: ZUuidParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteTask({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/tasks/:id/complete',
    {
      schema: {
        tags,
        summary: 'Mark a task done (a recurring task gets its next occurrence)',
        params: ZUuidParams,
        response: { 200: C.ZTaskCompleted },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return completeTask({ db: ctx.db, workspaceId: ctx.workspaceId, actorId: ctx.userId, id: req.params.id });
    },
  );

  app.post(
    '/tasks/:id/reopen',
    { schema: { tags, summary: 'Reopen a done task', params: ZUuidParams, response: { 200: C.ZTask } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return reopenTask({ db: ctx.db, workspaceId: ctx.workspaceId, actorId: ctx.userId, id: req.params.id });
    },
  );
};
