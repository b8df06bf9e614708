import { describe, expect, it } from 'vitest';
import { testApp } from '../testing.ts';
import { html, publicPage } from './public-page.ts';

describe('public pages', async () => {
  const t = await testApp();

  it('escape every value, keep trusted fragments, and pick the direction from the language', () => {
    const name = '<img src=x onerror=alert(1)>';
    const body = html`<h1>${name}</h1>${html`<p>${'a & "b"'}</p>`}`;
    expect(body.__html).toBe('<h1>&lt;img src=x onerror=alert(1)&gt;</h1><p>a &amp; &quot;b&quot;</p>');
    expect(publicPage({ title: 'x', body, lang: 'he' })).toContain('dir="rtl"');
    expect(publicPage({ title: 'x', body, lang: '"><script>' })).toContain('lang="en"');
  });

  it('let other origins use their resources (webmail loads pictures and the pixel; previews are sandboxed)', async () => {
    const r = await t.app.inject({ url: '/p/assets/public.css' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const api = await t.app.inject({ url: '/api/health' });
    expect(api.headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});
