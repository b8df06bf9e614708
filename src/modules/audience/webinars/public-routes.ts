import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { type Html, html, publicPage } from '../../../platform/http/public-page.ts';
import { getWorkspaceInfo, workspaceByPublicKey } from '../../identity/index.ts';
import { acceptFormBodies, sendMessagePage } from '../subscriptions/public-kit.ts';
import { confirmWebinarSubscription, subscribeTokenContact } from './confirm-subscription.ts';
import { formatWhen, icsTokenContact } from './emails.ts';
import { buildIcs } from './ics.ts';
import { DEFAULT_CONSENT_TEXT, registerForWebinar } from './register-for-webinar.ts';
import { publicWebinarBySlug, type WebinarRow } from './webinar-row.ts';

const Params = z.object({ key: z.string().min(1).max(100), slug: z.string().min(1).max(100) });
const field = z.union([z.string(), z.array(z.string())]).optional();
const Body = z.record(z.string(), field).nullish();
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';

/** The honeypot: invisible to people (class hp), filled in by bots. */
const HONEYPOT = 'website';

type PageState = { values?: Record<string, string>; errors?: Record<string, string>; utm?: string | null };

function registrationPage(w: WebinarRow, timezone: string, url: string, state: PageState = {}): string {
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const over = w.startsAt.getTime() + w.durationMinutes * 60_000 < Date.now();
  const closed = !w.registrationOpen || over;
  const form: Html = closed
    ? html`<p class="muted">${over ? 'This event has taken place.' : 'Registration for this event is closed.'}</p>`
    : html`<form method="post" action="${url}" novalidate>
  ${e.form ? html`<p class="error" role="alert">${e.form}</p>` : ''}
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="email" required value="${v.email ?? ''}"${
    e.email ? html` aria-invalid="true" aria-describedby="email-error"` : ''
  }>
  ${e.email ? html`<p class="error" id="email-error">${e.email}</p>` : ''}
  <label for="first_name">First name</label>
  <input id="first_name" name="first_name" autocomplete="given-name" maxlength="120" value="${v.first_name ?? ''}">
  <label for="last_name">Last name</label>
  <input id="last_name" name="last_name" autocomplete="family-name" maxlength="120" value="${v.last_name ?? ''}">
  <div class="hp" aria-hidden="true"><label for="${HONEYPOT}">Leave this empty</label><input id="${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></div>
  <label class="check"><input type="checkbox" name="consent" value="yes"${v.consent ? ' checked' : ''}> ${
    w.consentText || DEFAULT_CONSENT_TEXT
  }</label>
  ${state.utm ? html`<input type="hidden" name="utm_campaign" value="${state.utm}">` : ''}
  <button type="submit">Register</button>
</form>`;
  return publicPage({
    title: w.title,
    body: html`<h1>${w.title}</h1>
<p class="muted">${formatWhen(w.startsAt, timezone)} · ${w.durationMinutes} min</p>
${w.description ? html`<p>${w.description}</p>` : ''}
<p><a href="${url}/calendar.ics">Add to calendar (.ics)</a></p>
${form}`,
  });
}

function page(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

const notFound = (reply: FastifyReply) =>
  sendMessagePage(reply, 404, { title: 'Not found', message: 'There is no event at this address.' });

/** Public webinar pages under /p/w/<workspace public key>/<slug>: registration, .ics, list confirmation. */
export const webinarPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptFormBodies(app);
  const { db, config } = app.deps;

  async function resolve(key: string, slug: string) {
    const ws = await workspaceByPublicKey(db, key);
    if (!ws) return null;
    const w = await publicWebinarBySlug(db, ws.id, slug);
    return w ? { ws, w, url: `${config.publicUrl}/p/w/${encodeURIComponent(key)}/${encodeURIComponent(slug)}` } : null;
  }

  app.get(
    '/w/:key/:slug',
    {
      schema: { hide: true, params: Params, querystring: z.object({ utm_campaign: z.string().max(200).optional() }) },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const r = await resolve(req.params.key, req.params.slug);
      if (!r) return notFound(reply);
      return page(reply, 200, registrationPage(r.w, r.ws.timezone, r.url, { utm: req.query.utm_campaign ?? null }));
    },
  );

  app.post(
    '/w/:key/:slug',
    {
      schema: { hide: true, params: Params, body: Body },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const r = await resolve(req.params.key, req.params.slug);
      if (!r) return notFound(reply);
      const b = req.body ?? {};
      const values = {
        email: one(b.email).slice(0, 254),
        first_name: one(b.first_name).slice(0, 120),
        last_name: one(b.last_name).slice(0, 120),
        consent: one(b.consent) === 'yes' ? 'yes' : '',
      };
      const utm = one(b.utm_campaign).slice(0, 200) || null;
      const thanks = (email: string) =>
        sendMessagePage(reply, 200, {
          title: "You're registered",
          message: `We have sent the details and the link to join to ${email}. See you there!`,
          extra: html`<p><a class="button" href="${r.url}/calendar.ics">Add to calendar</a></p>`,
        });
      // A bot filled the invisible field: answer as if it worked, record nothing.
      if (one(b[HONEYPOT])) return thanks(values.email);
      if (!values.email)
        return page(
          reply,
          400,
          registrationPage(r.w, r.ws.timezone, r.url, {
            values,
            utm,
            errors: { email: 'Please enter your email address.' },
          }),
        );
      try {
        await registerForWebinar({
          db,
          webinar: r.w,
          input: {
            email: values.email,
            firstName: values.first_name || null,
            lastName: values.last_name || null,
            consent: values.consent === 'yes',
            utmCampaign: utm,
          },
          ip: req.ip,
          pageUrl: r.url,
        });
      } catch (err) {
        if (err instanceof AppError && (err.code === 'VALIDATION' || err.code === 'CONFLICT')) {
          const errors: Record<string, string> =
            err.code === 'VALIDATION' && err.fields.some((f) => f.field === 'email')
              ? { email: 'This does not look like an email address.' }
              : { form: err.message };
          return page(reply, 400, registrationPage(r.w, r.ws.timezone, r.url, { values, utm, errors }));
        }
        throw err;
      }
      return thanks(values.email.toLowerCase());
    },
  );

  app.get(
    '/w/:key/:slug/calendar.ics',
    {
      schema: { hide: true, params: Params, querystring: z.object({ t: z.string().max(500).optional() }) },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const r = await resolve(req.params.key, req.params.slug);
      if (!r) return notFound(reply);
      // The join link only for a registrant's own signed link; the bare file is for anyone.
      const personal = req.query.t ? await icsTokenContact(db, req.query.t, r.ws.id, r.w.id) : null;
      const ics = buildIcs({
        uid: `${r.w.id}@freehold`,
        title: r.w.title,
        description: [r.w.description, personal && r.w.joinUrl ? `Join: ${r.w.joinUrl}` : null]
          .filter(Boolean)
          .join('\n\n'),
        startsAt: r.w.startsAt,
        durationMinutes: r.w.durationMinutes,
        url: personal && r.w.joinUrl ? r.w.joinUrl : r.url,
        location: personal && r.w.joinUrl ? r.w.joinUrl : 'Online',
      });
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${r.w.slug}.ics"`)
        .type('text/calendar; charset=utf-8')
        .send(ics);
    },
  );

  const subscribeQuery = z.object({ t: z.string().max(500).optional() });
  const badLink = (reply: FastifyReply) =>
    sendMessagePage(reply, 400, {
      title: 'This link does not work',
      message: 'It may have expired. Register again and tick the box to get a new one.',
    });

  // GET shows a button and POST confirms: mail scanners that fetch every link must not subscribe anyone.
  app.get(
    '/w/:key/:slug/subscribe',
    {
      schema: { hide: true, params: Params, querystring: subscribeQuery },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const r = await resolve(req.params.key, req.params.slug);
      if (!r) return notFound(reply);
      const contactId = req.query.t ? await subscribeTokenContact(db, req.query.t, r.w) : null;
      if (!contactId) return badLink(reply);
      const ws = await getWorkspaceInfo(db, r.ws.id);
      return page(
        reply,
        200,
        publicPage({
          title: 'Confirm your subscription',
          body: html`<h1>Confirm your subscription</h1>
<p>You will receive news and invitations from ${ws?.name ?? ''} by email. You can unsubscribe at any time.</p>
<form method="post" action="${r.url}/subscribe?t=${req.query.t}"><button type="submit">Yes, subscribe me</button></form>`,
        }),
      );
    },
  );

  app.post(
    '/w/:key/:slug/subscribe',
    {
      schema: { hide: true, params: Params, querystring: subscribeQuery, body: Body },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const r = await resolve(req.params.key, req.params.slug);
      if (!r) return notFound(reply);
      const contactId = req.query.t ? await subscribeTokenContact(db, req.query.t, r.w) : null;
      if (!contactId) return badLink(reply);
      await confirmWebinarSubscription({ db, webinar: r.w, contactId, ip: req.ip });
      return sendMessagePage(reply, 200, {
        title: 'Subscribed',
        message: 'Thank you: your subscription is confirmed.',
      });
    },
  );
};
