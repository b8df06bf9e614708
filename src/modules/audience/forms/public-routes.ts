import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listCustomFields } from '../../crm/index.ts';
import { acceptFormBodies, sendMessagePage } from '../subscriptions/public-kit.ts';
import { type FormRow, formByPublicId } from './form-row.ts';
import { bumpFormStat } from './form-stats.ts';
import { cleanPageUrl, resolveFields, utmOf } from './form-values.ts';
import { HONEYPOT, renderFormPage } from './render-form.ts';
import { submitForm } from './submit-form.ts';

const EMBED_JS = fs.readFileSync(fileURLToPath(new URL('./embed/embed.js', import.meta.url)), 'utf8');

const ZParams = z.object({ publicId: z.string().max(80) });

/** Anyone's page may embed a form: the definition and the submission answer every origin, and only those routes. */
function cors(reply: FastifyReply) {
  reply.header('access-control-allow-origin', '*');
  reply.header('cross-origin-resource-policy', 'cross-origin');
  reply.header('vary', 'origin');
}

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** Utm parameters and the referring page travel through the hosted form as hidden inputs. */
function hiddenOf(req: FastifyRequest): Record<string, string> {
  const q = req.query as Record<string, unknown>;
  const hidden: Record<string, string> = { ...utmOf(null, q) };
  const ref = cleanPageUrl(req.headers.referer);
  if (ref) hidden.referrer = ref;
  return hidden;
}

async function specsOf(app: { deps: { db: import('../../../platform/db/client.ts').Db } }, form: FormRow) {
  const defs = await listCustomFields({ db: app.deps.db, workspaceId: form.workspaceId, entity: 'contact' });
  return resolveFields(form.fields, defs, form.language);
}

function notFound(reply: FastifyReply, json: boolean) {
  if (json) return reply.status(404).send({ ok: false, errors: [{ field: 'form', message: 'No such form.' }] });
  return sendMessagePage(reply, 404, {
    title: 'Form not found',
    message: 'This form does not exist any more. Check the address, or ask whoever sent it to you.',
  });
}

/** The hosted form (/p/f/:id), its JSON definition for the embed (/p/f/:id.json), submissions, and the embed script. */
export const formPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptFormBodies(app);
  const { db, config } = app.deps;

  app.get(
    '/forms/embed.js',
    { schema: { hide: true }, config: { rateLimit: { max: 300, timeWindow: '1 minute' } } },
    async (_req, reply) => {
      cors(reply);
      return reply
        .header('cache-control', 'public, max-age=300')
        .type('application/javascript; charset=utf-8')
        .send(EMBED_JS);
    },
  );

  app.get(
    '/f/:publicId',
    { schema: { hide: true, params: ZParams }, config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const json = req.params.publicId.endsWith('.json');
      const form = await formByPublicId(db, json ? req.params.publicId.slice(0, -5) : req.params.publicId);
      if (json) cors(reply);
      if (!form) return notFound(reply, json);
      const specs = await specsOf(app, form);
      await bumpFormStat(db, form.workspaceId, form.id, 'views');
      reply.header('cache-control', 'no-store');
      if (json) {
        return reply.send({
          publicId: form.publicId,
          title: form.title,
          description: form.description,
          fields: specs,
          consentText: form.consentText,
          submitLabel: form.submitLabel || 'Subscribe',
          language: form.language,
          active: form.active,
          honeypot: HONEYPOT,
          action: `${config.publicUrl}/p/f/${form.publicId}`,
        });
      }
      // A redirect after submission goes to the form's own site: allow that origin as a form target (CSP).
      if (form.afterSubmit.kind === 'redirect') allowFormTarget(reply, form.afterSubmit.url);
      return reply.type('text/html; charset=utf-8').send(renderFormPage({ form, specs, hidden: hiddenOf(req) }));
    },
  );

  app.options(
    '/f/:publicId',
    { schema: { hide: true, params: ZParams }, config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (_req, reply) => {
      cors(reply);
      return reply
        .status(204)
        .header('access-control-allow-methods', 'GET, POST, OPTIONS')
        .header('access-control-allow-headers', 'content-type')
        .header('access-control-max-age', '86400')
        .send();
    },
  );

  app.post(
    '/f/:publicId',
    {
      schema: { hide: true, params: ZParams },
      config: {
        // Per address AND form: one visitor cannot flood a form, nor use up another form's allowance.
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (req: FastifyRequest) => `${req.ip}|${(req.params as { publicId?: string }).publicId ?? ''}`,
        },
      },
    },
    async (req, reply) => {
      const json = (req.headers['content-type'] ?? '').includes('application/json');
      if (json) cors(reply);
      const form = await formByPublicId(db, req.params.publicId);
      if (!form) return notFound(reply, json);
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const redirect = form.afterSubmit.kind === 'redirect' ? form.afterSubmit.url : null;
      const message = form.afterSubmit.kind === 'message' ? form.afterSubmit.message : null;
      const success = (doubleOptIn: boolean) => {
        const note = doubleOptIn ? 'Please check your inbox: we sent you an email to confirm your subscription.' : null;
        if (json) return reply.send({ ok: true, message, confirmNote: note, redirectUrl: redirect, doubleOptIn });
        if (redirect) return reply.status(303).header('location', redirect).send();
        return sendMessagePage(reply, 200, {
          title: form.title,
          message: [message, note].filter(Boolean).join(' '),
          lang: form.language,
        });
      };
      // Bots fill every input: pretend it worked and keep nothing.
      if (str(body[HONEYPOT]).trim()) return success(false);
      const pageUrl = json ? cleanPageUrl(body.page_url) : `${config.publicUrl}/p/f/${form.publicId}`;
      const result = await submitForm({
        db,
        form,
        raw: body,
        meta: {
          ip: req.ip ?? null,
          userAgent: str(req.headers['user-agent']) || null,
          pageUrl,
          referrer: cleanPageUrl(body.referrer),
          utm: json ? utmOf(pageUrl) : utmOf(null, body),
        },
      });
      if (result.ok) return success(result.doubleOptIn);
      if (json) return reply.status(400).send({ ok: false, errors: result.errors });
      const specs = await specsOf(app, form);
      const hidden: Record<string, string> = utmOf(null, body);
      const ref = cleanPageUrl(body.referrer);
      if (ref) hidden.referrer = ref;
      if (redirect) allowFormTarget(reply, redirect);
      return reply
        .status(400)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(renderFormPage({ form, specs, values: body, errors: result.errors, hidden }));
    },
  );
};

/**
 * Browsers apply the CSP `form-action` to the redirect that follows a form post, so the page that holds the form
 * must allow the origin the submission will be redirected to.
 */
function allowFormTarget(reply: FastifyReply, url: string) {
  const csp = reply.getHeader('content-security-policy');
  if (typeof csp !== 'string') return;
  const origin = new URL(url).origin;
  reply.header(
    'content-security-policy',
    /form-action [^;]*/.test(csp)
      ? csp.replace(/form-action ([^;]*)/, (_m, v: string) => `form-action ${v} ${origin}`)
      : `${csp};form-action 'self' ${origin}`,
  );
}
