import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signLink } from '../links.ts';
import { confirmSubscription } from './confirm-subscription.ts';
import { renderPreferences, renderUnsubscribe, renderUnsubscribed } from './pages.ts';
import { getPreferences, PAUSE_DAYS, savePreferences } from './preferences.ts';
import { acceptFormBodies, sendMessagePage } from './public-kit.ts';
import { messageForUnsubscribe, unsubscribeFromMessage } from './unsubscribe.ts';
import { checkToken } from './verify-token.ts';

const ZToken = z.object({ token: z.string().max(3000) });
const limit = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

const evidenceOf = (req: FastifyRequest) => ({
  ip: req.ip ?? null,
  userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
});

function linkProblem(reply: FastifyReply, why: 'expired' | 'invalid', what: string) {
  return why === 'expired'
    ? sendMessagePage(reply, 410, {
        title: 'This link has expired',
        message: `For your safety, ${what} links work for a limited time. Please ask again and use the new link.`,
      })
    : sendMessagePage(reply, 404, {
        title: 'This link does not work',
        message: 'It may be incomplete: try copying the whole address from the email into your browser.',
      });
}

/** Double opt-in confirmation, one-click unsubscribe and the preference centre, under /p. */
export const subscriptionPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptFormBodies(app);
  const { db } = app.deps;

  // Following the emailed link confirms: that is what people expect of it, and a repeated click changes nothing.
  app.get('/confirm/:token', { schema: { hide: true, params: ZToken }, config: limit(30) }, async (req, reply) => {
    const t = await checkToken(db, req.params.token, 'confirm');
    if (!t.ok) return linkProblem(reply, t.why, 'confirmation');
    const r = await confirmSubscription({
      db,
      workspaceId: t.claims.workspaceId,
      submissionId: t.claims.subjectId,
      ...evidenceOf(req),
    });
    if (!r) return linkProblem(reply, 'invalid', 'confirmation');
    const form = r.submission.form;
    const magnet = form?.leadMagnetId ? ' Your download is on its way to your inbox.' : '';
    if (form?.afterSubmit.kind === 'redirect' && r.status === 'confirmed')
      return reply.status(303).header('location', form.afterSubmit.url).send();
    return sendMessagePage(reply, 200, {
      title: r.status === 'confirmed' ? 'You are subscribed' : 'Already confirmed',
      message:
        r.status === 'confirmed'
          ? `Thank you for confirming.${magnet}`
          : 'Your subscription was confirmed before; nothing more to do.',
      lang: form?.language ?? null,
    });
  });

  // GET only shows the button: mail scanners and link previews fetch GETs, and must not unsubscribe anyone.
  app.get('/u/:token', { schema: { hide: true, params: ZToken }, config: limit(60) }, async (req, reply) => {
    const t = await checkToken(db, req.params.token, 'unsubscribe');
    if (!t.ok) return linkProblem(reply, t.why, 'unsubscribe');
    const found = await messageForUnsubscribe(db, t.claims.workspaceId, t.claims.subjectId);
    if (!found) return linkProblem(reply, 'invalid', 'unsubscribe');
    const prefs = found.msg.contactId
      ? await signLink(db, {
          purpose: 'preferences',
          workspaceId: t.claims.workspaceId,
          subjectId: found.msg.contactId,
        })
      : null;
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderUnsubscribe({ email: found.msg.email, lists: found.lists, prefsToken: prefs }));
  });

  // RFC 8058 one-click: the mailbox provider POSTs `List-Unsubscribe=One-Click` (form-encoded or multipart) and
  // expects a 2xx, no page to click through, no redirect. The page's own button posts the same.
  app.post('/u/:token', { schema: { hide: true, params: ZToken }, config: limit(60) }, async (req, reply) => {
    const t = await checkToken(db, req.params.token, 'unsubscribe');
    if (!t.ok) return linkProblem(reply, t.why, 'unsubscribe');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const via = body['List-Unsubscribe'] === 'One-Click' && body.page !== '1' ? 'one_click' : 'unsubscribe_page';
    const r = await unsubscribeFromMessage({
      db,
      workspaceId: t.claims.workspaceId,
      messageId: t.claims.subjectId,
      via,
      evidence: evidenceOf(req),
    });
    if (!r) return linkProblem(reply, 'invalid', 'unsubscribe');
    const found = await messageForUnsubscribe(db, t.claims.workspaceId, t.claims.subjectId);
    const prefs = found?.msg.contactId
      ? await signLink(db, {
          purpose: 'preferences',
          workspaceId: t.claims.workspaceId,
          subjectId: found.msg.contactId,
        })
      : null;
    return reply
      .status(200)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderUnsubscribed({ lists: r.lists, all: r.all, prefsToken: prefs }));
  });

  app.get('/prefs/:token', { schema: { hide: true, params: ZToken }, config: limit(30) }, async (req, reply) => {
    const t = await checkToken(db, req.params.token, 'preferences');
    if (!t.ok) return linkProblem(reply, t.why, 'preferences');
    const view = await getPreferences(db, t.claims.workspaceId, t.claims.subjectId);
    if (!view) return linkProblem(reply, 'invalid', 'preferences');
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderPreferences(view, { saved: false }));
  });

  app.post('/prefs/:token', { schema: { hide: true, params: ZToken }, config: limit(30) }, async (req, reply) => {
    const t = await checkToken(db, req.params.token, 'preferences');
    if (!t.ok) return linkProblem(reply, t.why, 'preferences');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const asList = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
    const pause = Number(body.pause);
    const language =
      typeof body.language === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(body.language)
        ? body.language
        : null;
    const view = await savePreferences({
      db,
      workspaceId: t.claims.workspaceId,
      contactId: t.claims.subjectId,
      input: {
        listIds: asList(body.lists),
        language,
        pauseDays: pause === 0 || (PAUSE_DAYS as readonly number[]).includes(pause) ? pause : undefined,
        unsubscribeAll: body.action === 'unsubscribe_all',
      },
      evidence: evidenceOf(req),
    });
    if (!view) return linkProblem(reply, 'invalid', 'preferences');
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderPreferences(view, { saved: true }));
  });
};
