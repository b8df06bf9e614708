import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's headers, worked out once. @fastify/helmet calls `helmet(options)` inside its onRequest hook — it parses
 * the whole configuration (CSP directives included) on every request, which was ~8 % of the server's CPU in the
 * tracking bench (open pixel and click redirect at ~4,000 req/s). With a configuration that does not depend on the
 * request (ours: no nonces, no per-route overrides), the result is the same set of headers every time, so it is
 * computed at start-up and copied onto each reply (helmetjs/helmet#430 asks for the same thing).
 */
export function computeSecurityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  // Helmet only reads the request for function-valued directives, which this configuration refuses (below).
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

/** Sets the security headers (and the request id) on every reply, in one synchronous hook. */
export function registerSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const directives = (options.contentSecurityPolicy as { directives?: Record<string, unknown> } | undefined)
    ?.directives;
  for (const [name, value] of Object.entries(directives ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'function'))
      throw new Error(`CSP directive ${name} depends on the request; precomputed headers cannot express it`);
  }
  const headers = computeSecurityHeaders(options);
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers);
    reply.header('x-request-id', req.id);
    done();
  });
}
