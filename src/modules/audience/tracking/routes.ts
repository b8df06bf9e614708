import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { html, publicPage } from '../../../platform/http/public-page.ts';
import { type LinkClaims, type LinkPurpose, readLink, verifyLink } from '../links.ts';
import { existingAudienceSettings } from '../settings.ts';
import { TrackingBuffer } from './buffer.ts';
import { classifyUserAgent } from './user-agent.ts';

/** The smallest transparent GIF (1×1, 43 bytes). */
export const PIXEL = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/**
 * Mailbox providers fetch images and follow links from a few proxy addresses for all their users (Gmail's image
 * proxy, Apple Mail Privacy Protection), so the per-address limit is high: it only stops a single machine hammering.
 */
const TRACKING_RATE_LIMIT = { max: 300_000, timeWindow: '1 minute' };

const buffers = new WeakMap<object, TrackingBuffer>();

/** The tracking buffer of a running server (tests flush it to assert what was recorded). */
export function trackingBufferOf(app: FastifyInstance): TrackingBuffer | undefined {
  return buffers.get(app.server);
}

// Workspace ids that do not exist: a flood of forged tokens must not cost a database look-up each.
const unknownWorkspaces = new Map<string, number>();
const UNKNOWN_TTL_MS = 60_000;

async function verifyTracking(db: DbOrTx, token: string, purpose: LinkPurpose): Promise<LinkClaims | null> {
  const parsed = readLink(token);
  if (!parsed || parsed.purpose !== purpose) return null;
  const missUntil = unknownWorkspaces.get(parsed.workspaceId);
  if (missUntil !== undefined) {
    if (missUntil > Date.now()) return null;
    unknownWorkspaces.delete(parsed.workspaceId);
  }
  if (!(await existingAudienceSettings(db, parsed.workspaceId))) {
    if (unknownWorkspaces.size > 10_000) unknownWorkspaces.clear();
    unknownWorkspaces.set(parsed.workspaceId, Date.now() + UNKNOWN_TTL_MS);
    return null;
  }
  return verifyLink(db, token, purpose);
}

/**
 * Only absolute http(s) URLs are followed, normalised by the URL parser (so no header injection and no
 * `javascript:`/`data:` target), even inside a validly signed token.
 */
export function safeTarget(raw: string): string | null {
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.href;
  } catch {
    return null;
  }
}

const notFoundPage = publicPage({
  title: 'Link not found',
  body: html`<h1>This link does not work</h1>
    <p>The link may have been copied incompletely. Try clicking it again in the original email.</p>`,
});

/**
 * Open pixel and click redirect (public, under /p). Both answer from memory: the token is checked with the
 * workspace's cached signing key and the hit goes to the write buffer (see buffer.ts for what a crash can lose).
 */
export const trackingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, logger } = app.deps;
  const buffer = new TrackingBuffer(db, logger);
  buffers.set(app.server, buffer);
  app.addHook('onClose', async () => {
    await buffer.close();
  });

  app.get('/o/:file', { schema: { hide: true }, config: { rateLimit: TRACKING_RATE_LIMIT } }, async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const token = file.endsWith('.gif') ? file.slice(0, -4) : file;
    const claims = await verifyTracking(db, token, 'open');
    // A bad token still gets the image: a broken image in someone's email helps nobody. It records nothing.
    if (claims) {
      buffer.add({
        workspaceId: claims.workspaceId,
        messageId: claims.subjectId,
        type: 'open',
        client: classifyUserAgent(req.headers['user-agent']),
      });
    }
    return reply
      .header('cache-control', 'no-store, no-cache, must-revalidate, private, max-age=0')
      .header('pragma', 'no-cache')
      .header('expires', '0')
      .type('image/gif')
      .send(PIXEL);
  });

  // A wildcard, not `:token`: the router caps named parameters at 100 characters and a click token carries its URL.
  app.get('/c/*', { schema: { hide: true }, config: { rateLimit: TRACKING_RATE_LIMIT } }, async (req, reply) => {
    const claims = await verifyTracking(db, (req.params as { '*': string })['*'], 'click');
    const target = claims ? safeTarget(claims.extra.toString('utf8')) : null;
    // Never redirect anywhere a valid signature did not vouch for: no open redirect.
    if (!claims || !target) {
      return reply.code(404).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(notFoundPage);
    }
    buffer.add({
      workspaceId: claims.workspaceId,
      messageId: claims.subjectId,
      type: 'click',
      url: target,
      client: classifyUserAgent(req.headers['user-agent']),
    });
    return reply.header('cache-control', 'no-store').redirect(target, 302);
  });
};
