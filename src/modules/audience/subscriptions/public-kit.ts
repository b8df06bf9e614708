import type { FastifyInstance, FastifyReply } from 'fastify';
import { type Html, html, publicPage } from '../../../platform/http/public-page.ts';

/**
 * Parses `application/x-www-form-urlencoded` bodies for the public pages of the plugin it is called in (HTML forms
 * post them; so do mailbox providers' one-click unsubscribes). Repeated names (checkbox groups) become arrays.
 */
export function acceptFormBodies(app: FastifyInstance): void {
  if (app.hasContentTypeParser('application/x-www-form-urlencoded')) return;
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(body as string)) {
        const prev = out[k];
        out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      done(null, out);
    },
  );
}

/** A small page with a heading and a message (confirmation done, link expired…). */
export function sendMessagePage(
  reply: FastifyReply,
  status: number,
  opts: { title: string; message: string; lang?: string | null; extra?: Html },
) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      publicPage({
        title: opts.title,
        lang: opts.lang ?? null,
        body: html`<h1>${opts.title}</h1><p>${opts.message}</p>${opts.extra ?? ''}`,
      }),
    );
}
