import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { resolveVariants } from './resolve-variants.ts';

describe('catalog', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const other = await signUpWorkspace(t.app);
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, who = owner) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who.bearer,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  const lamp = {
    title: 'Brass desk lamp',
    vendor: 'Lumen',
    tags: ['lighting', 'brass'],
    images: [{ url: 'https://cdn.example/lamp.jpg', alt: 'The lamp' }],
    options: ['Size'],
    variants: [
      {
        sku: 'LAMP-S',
        optionValues: ['Small'],
        barcode: '8712345678906',
        weightGrams: 1200,
        lengthMm: 300,
        widthMm: 200,
        heightMm: 450,
        prices: [
          { currency: 'eur', amountMinor: 8900 },
          { currency: 'USD', amountMinor: 9900, compareAtMinor: 11900 },
        ],
      },
      { sku: 'LAMP-L', optionValues: ['Large'], weightGrams: 1800, prices: [{ currency: 'EUR', amountMinor: 12900 }] },
    ],
  };

  it('creates a product with variants, prices per currency, a handle from the title', async () => {
    const r = await api('POST', '/products', lamp);
    expect(r.statusCode).toBe(201);
    const p = r.json();
    expect(p).toMatchObject({
      title: 'Brass desk lamp',
      handle: 'brass-desk-lamp',
      status: 'active',
      options: ['Size'],
    });
    expect(p.variants.map((v: { sku: string; title: string }) => [v.sku, v.title])).toEqual([
      ['LAMP-S', 'Small'],
      ['LAMP-L', 'Large'],
    ]);
    expect(p.variants[0].prices).toEqual([
      { currency: 'EUR', amountMinor: 8900, compareAtMinor: null },
      { currency: 'USD', amountMinor: 9900, compareAtMinor: 11900 },
    ]);
    // The same title again gets the next free handle.
    const again = await api('POST', '/products', { title: 'Brass desk lamp', variants: [{ sku: 'LAMP-X' }] });
    expect(again.json().handle).toBe('brass-desk-lamp-2');
  });

  it('keeps SKUs unique per workspace, case-insensitively, naming the field; other workspaces are separate', async () => {
    const dup = await api('POST', '/products', { title: 'Clash', variants: [{ sku: 'lamp-s' }] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors).toEqual([
      { field: 'variants.0.sku', message: 'SKU LAMP-S is already used by another variant' },
    ]);
    const twice = await api('POST', '/products', { title: 'Twice', variants: [{ sku: 'T-1' }, { sku: 't-1' }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].field).toBe('variants.1.sku');
    // Nothing half-written: the product of the refused request does not exist.
    expect((await api('GET', '/products?q=twice')).json().data).toEqual([]);
    const elsewhere = await api('POST', '/products', { title: 'Other lamp', variants: [{ sku: 'LAMP-S' }] }, other);
    expect(elsewhere.statusCode).toBe(201);
  });

  it('validates measures, prices and currencies with the field named', async () => {
    const r = await api('POST', '/products', {
      title: 'Bad',
      variants: [{ sku: 'B-1', weightGrams: -5, prices: [{ currency: 'EURO', amountMinor: 1.5 }] }],
    });
    expect(r.statusCode).toBe(400);
    const fields = r
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual([
      'body.variants.0.prices.0.amountMinor',
      'body.variants.0.prices.0.currency',
      'body.variants.0.weightGrams',
    ]);
    const noVariant = await api('POST', '/products', { title: 'Empty', variants: [] });
    expect(noVariant.statusCode).toBe(400);
  });

  it('adds, updates and deletes variants under their product', async () => {
    const p = (await api('POST', '/products', { title: 'Vase', variants: [{ sku: 'VASE-1' }] })).json();
    const added = await api('POST', `/products/${p.id}/variants`, {
      sku: 'VASE-2',
      title: 'Tall',
      prices: [{ currency: 'EUR', amountMinor: 2500 }],
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ sku: 'VASE-2', position: 1, productId: p.id });
    const v2 = added.json().id;
    const patched = await api('PATCH', `/variants/${v2}`, {
      heightMm: 400,
      prices: [{ currency: 'GBP', amountMinor: 2100 }],
    });
    expect(patched.json()).toMatchObject({ heightMm: 400, prices: [{ currency: 'GBP', amountMinor: 2100 }] });
    const clash = await api('PATCH', `/variants/${v2}`, { sku: 'vase-1' });
    expect(clash.statusCode).toBe(409);
    expect((await api('GET', `/products/${p.id}/variants`)).json().data).toHaveLength(2);
    expect((await api('DELETE', `/variants/${v2}`)).statusCode).toBe(204);
    const last = await api('DELETE', `/variants/${p.variants[0].id}`);
    expect(last.statusCode).toBe(409);
    expect((await api('GET', `/variants/${v2}`)).statusCode).toBe(404);
  });

  it('keeps a category tree, filters products by a category and everything below it', async () => {
    const lighting = (await api('POST', '/categories', { name: 'Lighting' })).json();
    const lamps = (await api('POST', '/categories', { name: 'Lamps', parentId: lighting.id })).json();
    expect(lamps.path).toBe('Lighting > Lamps');
    expect((await api('POST', '/categories', { name: 'lamps', parentId: lighting.id })).statusCode).toBe(409);
    const loop = await api('PATCH', `/categories/${lighting.id}`, { parentId: lamps.id });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().errors[0].field).toBe('parentId');
    const p = (
      await api('POST', '/products', { title: 'Pendant', categoryId: lamps.id, variants: [{ sku: 'PEND-1' }] })
    ).json();
    const inLighting = (await api('GET', `/products?categoryId=${lighting.id}`)).json().data;
    expect(inLighting.map((x: { id: string }) => x.id)).toEqual([p.id]);
    const cats = (await api('GET', '/categories')).json().data;
    expect(cats.map((c: { path: string; productCount: number }) => [c.path, c.productCount])).toEqual([
      ['Lighting', 0],
      ['Lighting > Lamps', 1],
    ]);
    // Deleting a category moves its products up.
    expect((await api('DELETE', `/categories/${lamps.id}`)).statusCode).toBe(204);
    expect((await api('GET', `/products/${p.id}`)).json().categoryId).toBe(lighting.id);
    const foreign = await api(
      'POST',
      '/products',
      { title: 'X', categoryId: lighting.id, variants: [{ sku: 'X' }] },
      other,
    );
    expect(foreign.json().errors[0].field).toBe('categoryId');
  });

  it('searches by words, SKU prefix and barcode, and pages with a cursor', async () => {
    const byWord = (await api('GET', '/products?q=bras')).json().data;
    expect(byWord.map((p: { title: string }) => p.title)).toContain('Brass desk lamp');
    const bySku = (await api('GET', '/products?q=LAMP-')).json().data;
    expect(bySku.map((p: { handle: string }) => p.handle).sort()).toEqual(['brass-desk-lamp', 'brass-desk-lamp-2']);
    const oneSku = (await api('GET', '/products?q=lamp-l')).json().data;
    expect(oneSku.map((p: { handle: string }) => p.handle)).toEqual(['brass-desk-lamp']);
    const byBarcode = (await api('GET', '/products?q=8712345678906')).json().data;
    expect(byBarcode).toHaveLength(1);
    const seen: string[] = [];
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { data: { id: string; title: string }[]; nextCursor: string | null } = (
        await api('GET', `/products?limit=2&sort=title${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...r.data.map((p) => p.title));
      ids.push(...r.data.map((p) => p.id));
      cursor = r.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(new Set(ids).size).toBe(ids.length);
    const all = (await api('GET', '/products?limit=500')).json().data;
    expect(seen).toHaveLength(all.length);
  });

  it('resolves variants by id or SKU in the order asked, null for unknown or foreign ones', async () => {
    const p = (await api('GET', '/products?q=lamp-l')).json().data[0];
    const small = p.variants.find((v: { sku: string }) => v.sku === 'LAMP-S');
    const foreign = (await api('GET', '/products', undefined, other)).json().data[0].variants[0];
    const r = await resolveVariants(t.db, owner.workspaceId, [
      { sku: 'lamp-l' },
      { variantId: small.id },
      { sku: 'NOPE' },
      { variantId: foreign.id },
      {},
    ]);
    expect(r[0]).toMatchObject({
      sku: 'LAMP-L',
      title: 'Brass desk lamp — Large',
      weightGrams: 1800,
      prices: { EUR: 12900 },
    });
    expect(r[1]).toEqual({
      variantId: small.id,
      productId: p.id,
      sku: 'LAMP-S',
      title: 'Brass desk lamp — Small',
      barcode: '8712345678906',
      weightGrams: 1200,
      lengthMm: 300,
      widthMm: 200,
      heightMm: 450,
      prices: { EUR: 8900, USD: 9900 },
    });
    expect(r.slice(2)).toEqual([null, null, null]);
  });

  it('updates product fields and refuses a taken handle; deletes a product without stock history', async () => {
    const p = (await api('POST', '/products', { title: 'Rug', variants: [{ sku: 'RUG-1' }] })).json();
    const r = await api('PATCH', `/products/${p.id}`, { status: 'draft', tags: ['home'], handle: 'brass-desk-lamp' });
    expect(r.statusCode).toBe(409);
    expect(r.json().errors[0].field).toBe('handle');
    const ok = await api('PATCH', `/products/${p.id}`, { status: 'draft', tags: ['home'] });
    expect(ok.json()).toMatchObject({ status: 'draft', tags: ['home'], title: 'Rug' });
    expect((await api('GET', '/products?status=draft')).json().data.map((x: { id: string }) => x.id)).toEqual([p.id]);
    expect((await api('DELETE', `/products/${p.id}`)).statusCode).toBe(204);
    expect((await api('GET', `/products/${p.id}`)).statusCode).toBe(404);
    expect(await resolveVariants(t.db, owner.workspaceId, [{ sku: 'RUG-1' }])).toEqual([null]);
  });
});
