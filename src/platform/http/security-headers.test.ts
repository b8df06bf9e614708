import { describe, expect, it } from 'vitest';
import { testApp } from '../testing.ts';
import { computeSecurityHeaders } from './security-headers.ts';

describe('security headers', async () => {
  const { app } = await testApp();

  it('works out helmet’s headers once, CSP included', () => {
    const h = computeSecurityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"] } } });
    expect(h['content-security-policy']).toContain("default-src 'self'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(h['x-powered-by']).toBeUndefined();
  });

  it('sends them on API answers, errors, public pages and unknown paths, with the request id', async () => {
    for (const url of ['/api/health', '/api/v1/contacts', '/p/no-such-page', '/api/v1/nothing-here']) {
      const r = await app.inject({ url, headers: { 'x-request-id': 'req-abc' } });
      expect({ url, csp: String(r.headers['content-security-policy']) }).toMatchObject({
        url,
        csp: expect.stringContaining("script-src 'self'"),
      });
      expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(r.headers['x-request-id']).toBe('req-abc');
    }
  });

  it('lets public resources be used cross-origin and keeps the API same-origin', async () => {
    const pub = await app.inject({ url: '/p/o/not-a-token.gif' });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const api = await app.inject({ url: '/api/health' });
    expect(api.headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});
