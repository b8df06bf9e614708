import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../../platform/testing.ts';

describe('embed snippet', async () => {
  const t = await testApp();

  it('is plain JS under 10 KB gzipped, served cross-origin', async () => {
    const source = fs.readFileSync(fileURLToPath(new URL('./embed.js', import.meta.url)));
    const gz = zlib.gzipSync(source, { level: 9 });
    expect(gz.length).toBeLessThan(10 * 1024);
    // No framework, no module syntax: it runs from a plain <script async> on any page.
    expect(source.toString()).not.toMatch(/^\s*(import|export)\s/m);
    expect(source.toString()).not.toContain('innerHTML');

    const r = await t.app.inject({ url: '/p/forms/embed.js' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('javascript');
    expect(r.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(r.body).toBe(source.toString());
  });
});
