import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/client.ts';
import { html, publicPage } from '../../../platform/http/public-page.ts';
import { compileTemplate, type RenderedMessage, renderCompiled } from '../../../platform/mail/render.ts';
import { getWorkspaceInfo, workspaceByPublicKey } from '../../identity/index.ts';
import { verifyLink } from '../links.ts';
import { addTracking, liquidVars, messageLinks } from '../sending/personalise.ts';
import { existingAudienceSettings } from '../settings.ts';

// Public pages of campaigns: the archive of past issues and "view in your browser". No personal data on the
// archive (a neutral recipient, no tracking); the view page shows one message to the person holding its signed link.

type MessageRow = {
  id: string;
  workspace_id: string;
  contact_id: string | null;
  email: string;
  source_type: string;
  source_id: string | null;
};

/** Re-renders a message for view-in-browser; other areas (flows…) register theirs for their source type. */
export type ViewRenderer = (db: Db, config: Config, message: MessageRow) => Promise<RenderedMessage | null>;
const viewRenderers = new Map<string, ViewRenderer>();
export function registerViewRenderer(sourceType: string, renderer: ViewRenderer): void {
  viewRenderers.set(sourceType, renderer);
}

const NEUTRAL_LINKS = { unsubscribeUrl: '', preferencesUrl: '', viewUrl: null };

async function renderNeutral(
  c: { subject: string; mjml: string; text: string | null; preheader: string | null },
  workspace: { name: string; postalAddress: string | null },
) {
  const compiled = await compileTemplate({ subject: c.subject, mjml: c.mjml, text: c.text, preheader: c.preheader });
  return renderCompiled(
    compiled,
    liquidVars({
      contact: { id: '', email: '', firstName: null, lastName: null, companyName: null },
      workspace,
      links: NEUTRAL_LINKS,
    }),
  );
}

/** A campaign (or test) message for its own recipient: same links as the email, no open pixel (a view is not an open). */
const renderCampaignMessage: ViewRenderer = async (db, config, m) => {
  if (!m.source_id) return null;
  const r = await db.execute<{
    subject: string;
    mjml: string;
    text: string | null;
    preheader: string | null;
    track_clicks: boolean;
    first_name: string | null;
    last_name: string | null;
    company_name: string | null;
    title: string | null;
    country: string | null;
    language: string | null;
    tags: string[] | null;
    custom: Record<string, unknown> | null;
    erased: boolean;
  }>(sql`select k.subject, k.mjml, k.text, k.preheader, k.track_clicks, c.first_name, c.last_name, c.company_name,
      c.title, c.country, c.language, c.tags, c.custom, (c.erased_at is not null) as erased
    from campaigns k left join contacts c on c.workspace_id = k.workspace_id and c.id = ${m.contact_id}
    where k.workspace_id = ${m.workspace_id} and k.id = ${m.source_id}`);
  const row = r.rows[0];
  if (!row || row.erased) return null;
  const settings = await existingAudienceSettings(db, m.workspace_id);
  const ws = await getWorkspaceInfo(db, m.workspace_id);
  if (!settings || !ws) return null;
  const links = messageLinks(
    { publicUrl: config.publicUrl, workspaceId: m.workspace_id, signingKey: settings.signingKey },
    m.id,
    m.contact_id,
  );
  const compiled = await compileTemplate({
    subject: row.subject,
    mjml: row.mjml,
    text: row.text,
    preheader: row.preheader,
  });
  const out = await renderCompiled(
    compiled,
    liquidVars({
      contact: {
        id: m.contact_id ?? '',
        email: m.email,
        firstName: row.first_name,
        lastName: row.last_name,
        companyName: row.company_name,
        title: row.title,
        country: row.country,
        language: row.language,
        tags: row.tags ?? [],
        custom: row.custom ?? {},
      },
      workspace: { name: ws.name, postalAddress: settings.postalAddress },
      links,
    }),
  );
  if (m.source_type === 'campaign' && row.track_clicks) {
    out.html = addTracking(out.html, links, { clicks: true, opens: false, publicUrl: config.publicUrl });
  }
  return out;
};
registerViewRenderer('campaign', renderCampaignMessage);
registerViewRenderer('test', renderCampaignMessage);

const notFound = (lang?: string) =>
  publicPage({
    title: 'Not found',
    lang: lang ?? null,
    body: html`<h1>This page does not exist</h1><p class="muted">The link may be mistyped or no longer valid.</p>`,
  });

const limit = { rateLimit: { max: 60, timeWindow: '1 minute' } };

export const campaignPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;

  app.get(
    '/archive/:publicKey',
    { schema: { hide: true, params: z.object({ publicKey: z.string().max(100) }) }, config: limit },
    async (req, reply) => {
      const ws = await workspaceByPublicKey(db, req.params.publicKey);
      reply.type('text/html; charset=utf-8');
      if (!ws) return reply.status(404).send(notFound());
      const settings = await existingAudienceSettings(db, ws.id);
      const rows = await db.execute<{
        id: string;
        subject: string;
        mjml: string;
        preheader: string | null;
        at: Date;
      }>(sql`
        select id, subject, mjml, preheader, coalesce(finished_at, started_at, created_at) as at from campaigns
        where workspace_id = ${ws.id} and archive and status = 'sent'
        order by coalesce(finished_at, started_at, created_at) desc, id desc limit 200`);
      const items = [];
      for (const r of rows.rows) {
        let subject = r.subject;
        try {
          subject = (
            await renderNeutral({ ...r, text: null }, { name: ws.name, postalAddress: settings?.postalAddress ?? null })
          ).subject;
        } catch {
          // A subject that no longer renders is shown as written.
        }
        const day = new Date(r.at).toISOString().slice(0, 10);
        items.push(html`<li><a href="/p/archive/${req.params.publicKey}/${r.id}">${subject || '(no subject)'}</a>
          <span class="muted"> · <time datetime="${day}">${day}</time></span></li>`);
      }
      return reply.send(
        publicPage({
          title: `${ws.name} — past newsletters`,
          body: html`<h1>${ws.name}</h1><p class="muted">Past newsletters</p>
            ${items.length ? html`<ul class="plain">${items}</ul>` : html`<p>Nothing here yet.</p>`}`,
        }),
      );
    },
  );

  app.get(
    '/archive/:publicKey/:campaignId',
    {
      schema: { hide: true, params: z.object({ publicKey: z.string().max(100), campaignId: z.string().uuid() }) },
      config: limit,
    },
    async (req, reply) => {
      reply.type('text/html; charset=utf-8');
      const ws = await workspaceByPublicKey(db, req.params.publicKey);
      if (!ws) return reply.status(404).send(notFound());
      const r = await db.execute<{ subject: string; mjml: string; text: string | null; preheader: string | null }>(sql`
        select subject, mjml, text, preheader from campaigns
        where workspace_id = ${ws.id} and id = ${req.params.campaignId} and archive and status = 'sent'`);
      const c = r.rows[0];
      if (!c) return reply.status(404).send(notFound());
      const settings = await existingAudienceSettings(db, ws.id);
      const out = await renderNeutral(c, { name: ws.name, postalAddress: settings?.postalAddress ?? null });
      reply.header('cache-control', 'public, max-age=300');
      return reply.send(withTitle(out.html, out.subject));
    },
  );

  app.get(
    '/v/:token',
    { schema: { hide: true, params: z.object({ token: z.string().max(3000) }) }, config: limit },
    async (req, reply) => {
      reply.type('text/html; charset=utf-8');
      reply.header('cache-control', 'private, no-store');
      const claims = await verifyLink(db, req.params.token, 'view');
      if (!claims) return reply.status(404).send(notFound());
      const r = await db.execute<MessageRow>(sql`select id, workspace_id, contact_id, email, source_type, source_id
        from email_messages where workspace_id = ${claims.workspaceId} and id = ${claims.subjectId}`);
      const m = r.rows[0];
      const renderer = m ? viewRenderers.get(m.source_type) : undefined;
      const out = m && renderer ? await renderer(db, config, m) : null;
      if (!out) return reply.status(404).send(notFound());
      return reply.send(withTitle(out.html, out.subject));
    },
  );
};

/** The email's own document, with its subject as the page title and kept out of search engines. */
function withTitle(doc: string, subject: string): string {
  const esc = subject.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const head = `<meta name="robots" content="noindex"><title>${esc}</title>`;
  if (/<title>[\s\S]*?<\/title>/i.test(doc)) return doc.replace(/<title>[\s\S]*?<\/title>/i, head);
  return /<head[^>]*>/i.test(doc) ? doc.replace(/<head[^>]*>/i, (h) => `${h}${head}`) : `${head}${doc}`;
}
