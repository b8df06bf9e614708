import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../../platform/testing.ts';
import { ledgerMismatches, stockApi } from '../../stock/test-helpers.ts';
import { runProductImport } from './run-product-import.ts';
import { startProductImport } from './start-product-import.ts';

const FREEHOLD = `handle,title,vendor,category,tags,option1_name,option1_value,sku,barcode,weight_g,length_mm,width_mm,height_mm,price_eur,compare_at_price_eur,price_usd,quantity
desk-lamp,Desk lamp,Lumen,Lighting > Lamps,"brass, desk",Size,Small,DL-S,8712345678906,1200,300,200,450,89.00,99.00,99,7
desk-lamp,,,,,Size,Large,DL-L,,1800,,,,129,,,3
bad-price,Bad price,,,,,,BP-1,,,,,,12.345,,,
no-title,,,,,,,NT-1,,,,,,1,,,
desk-lamp,,,,,Size,Huge,,,,,,,1,,,
vase,Vase,,,,,,V-1,,-5,,,,10,,,
`;

// Shopify's product export: the title only on a product's first row, image-only rows, "Default Title" products.
const SHOPIFY = `Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,Variant Image,Variant Weight Unit,Status
linen-shirt,Linen shirt,<p>Soft.</p>,Weaver,Apparel & Accessories > Clothing,Shirt,"linen, summer",true,Size,S,Colour,White,,,LS-S-W,250,shopify,4,deny,manual,45.00,,true,true,,https://cdn.example/shirt.jpg,1,Front,false,,g,active
linen-shirt,,,,,,,,,M,,White,,,LS-M-W,260,shopify,2,deny,manual,45.00,,true,true,,https://cdn.example/shirt-back.jpg,2,Back,false,,g,active
linen-shirt,,,,,,,,,,,,,,,,,,,,,,,,,https://cdn.example/shirt-side.jpg,3,Side,false,,,
tea-towel,Tea towel,,Weaver,,,,true,Title,Default Title,,,,,,90,shopify,10,deny,manual,"8,50",,true,true,,,,,false,,g,draft
`;

describe('product CSV import', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const ws = owner.workspaceId;
  const api = stockApi(t.app, owner);
  const wh = await api.location('Import warehouse', 'warehouse');

  it('imports one row per variant, reports each bad row by number and column, writes nothing of it', async () => {
    const started = await startProductImport({
      db: t.db,
      workspaceId: ws,
      userId: null,
      filename: 'catalog.csv',
      text: FREEHOLD,
      locationId: wh,
      enqueue: false,
    });
    expect(started).toMatchObject({ layout: 'freehold', rowsTotal: 6, status: 'queued', currency: 'EUR' });
    const done = await runProductImport({ db: t.db, workspaceId: ws, importId: started.id });
    expect(done).toMatchObject({ status: 'done', rowsDone: 6, productsCreated: 1, variantsCreated: 2, rejected: 4 });
    expect(done.errors).toEqual([
      { row: 4, field: 'price_eur', message: '12.345 is not a price in EUR' },
      { row: 5, field: 'title', message: 'is required for a new product (no-title)' },
      { row: 6, field: 'sku', message: 'is required' },
      { row: 7, field: 'weight_g', message: 'must be a number from 0 to 100000000' },
    ]);
    const p = (await api.ok('GET', '/products?q=desk')).data;
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ handle: 'desk-lamp', title: 'Desk lamp', vendor: 'Lumen', tags: ['brass', 'desk'] });
    expect(p[0].variants.map((v: { sku: string; title: string }) => `${v.sku}:${v.title}`)).toEqual([
      'DL-S:Small',
      'DL-L:Large',
    ]);
    expect(p[0].variants[0]).toMatchObject({
      barcode: '8712345678906',
      weightGrams: 1200,
      heightMm: 450,
      prices: [
        { currency: 'EUR', amountMinor: 8900, compareAtMinor: 9900 },
        { currency: 'USD', amountMinor: 9900, compareAtMinor: null },
      ],
    });
    const cats = (await api.ok('GET', '/categories')).data.map((c: { path: string }) => c.path);
    expect(cats).toEqual(['Lighting', 'Lighting > Lamps']);
    expect(await api.level(wh, p[0].variants[0].id)).toMatchObject({ onHand: 7 });
    expect(await api.level(wh, p[0].variants[1].id)).toMatchObject({ onHand: 3 });
    // Nothing of the refused rows: no product "bad-price" or "vase".
    expect((await api.ok('GET', '/products?q=vase')).data).toEqual([]);
    expect((await api.ok('GET', '/products?q=bp-1')).data).toEqual([]);
  });

  it('re-importing updates by SKU and counts stock to the file, creating nothing twice', async () => {
    const again = FREEHOLD.replace('89.00', '79.00').replace(',7\n', ',9\n');
    const started = await startProductImport({
      db: t.db,
      workspaceId: ws,
      userId: null,
      filename: 'catalog.csv',
      text: again,
      locationId: wh,
      enqueue: false,
    });
    const done = await runProductImport({ db: t.db, workspaceId: ws, importId: started.id });
    expect(done).toMatchObject({ productsCreated: 0, variantsCreated: 0, variantsUpdated: 2 });
    const v = (await api.ok('GET', '/products?q=dl-s')).data[0].variants[0];
    expect(v.prices[0]).toMatchObject({ currency: 'EUR', amountMinor: 7900 });
    expect(await api.level(wh, v.id)).toMatchObject({ onHand: 9 });
    expect(await ledgerMismatches(t.db, ws)).toEqual([]);
  });

  it("reads Shopify's product export", async () => {
    const started = await startProductImport({
      db: t.db,
      workspaceId: ws,
      userId: null,
      filename: 'products_export_1.csv',
      text: SHOPIFY,
      currency: 'GBP',
      enqueue: false,
    });
    expect(started.layout).toBe('shopify');
    const done = await runProductImport({ db: t.db, workspaceId: ws, importId: started.id });
    expect(done).toMatchObject({ status: 'done', productsCreated: 2, variantsCreated: 3, rejected: 0 });
    const shirt = (await api.ok('GET', '/products?q=linen')).data[0];
    expect(shirt).toMatchObject({
      handle: 'linen-shirt',
      title: 'Linen shirt',
      description: '<p>Soft.</p>',
      productType: 'Shirt',
      options: ['Size', 'Colour'],
      status: 'active',
    });
    expect(shirt.images.map((i: { alt: string }) => i.alt)).toEqual(['Front', 'Back', 'Side']);
    expect(
      shirt.variants.map((v: { sku: string; title: string; weightGrams: number }) => [v.sku, v.title, v.weightGrams]),
    ).toEqual([
      ['LS-S-W', 'S / White', 250],
      ['LS-M-W', 'M / White', 260],
    ]);
    const towel = (await api.ok('GET', '/products?q=tea')).data[0];
    expect(towel).toMatchObject({ status: 'draft', options: [] });
    // No SKU in the file: the handle stands in.
    expect(towel.variants[0]).toMatchObject({
      sku: 'tea-towel',
      title: '',
      prices: [{ currency: 'GBP', amountMinor: 850 }],
    });
  });

  it('resumes after a crash between batches without writing a row twice', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `bulk-${i},Bulk ${i},BULK-${i},${i + 1}.50`);
    const text = ['handle,title,sku,price', ...rows].join('\n');
    const started = await startProductImport({
      db: t.db,
      workspaceId: ws,
      userId: null,
      filename: 'bulk.csv',
      text,
      enqueue: false,
    });
    const crash = runProductImport({
      db: t.db,
      workspaceId: ws,
      importId: started.id,
      hooks: {
        afterCommit: (n) => {
          if (n === 1) throw new Error('worker killed');
        },
      },
    });
    await expect(crash).rejects.toThrow('worker killed');
    const mid = await api.ok('GET', `/product-imports/${started.id}`);
    expect(mid).toMatchObject({ status: 'failed', error: 'worker killed', rowsDone: 100, productsCreated: 100 });
    const done = await runProductImport({ db: t.db, workspaceId: ws, importId: started.id });
    expect(done).toMatchObject({ status: 'done', rowsDone: 250, productsCreated: 250, rejected: 0 });
    const count = (await api.ok('GET', '/products?q=bulk&limit=500')).data.length;
    expect(count).toBe(250);
  });

  it('refuses a file without the needed columns at upload, naming them, through the API too', async () => {
    await expect(
      startProductImport({
        db: t.db,
        workspaceId: ws,
        userId: null,
        filename: 'x.csv',
        text: 'name,price\nA,1',
        enqueue: false,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const boundary = 'x-products';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="p.csv"',
      'Content-Type: text/csv',
      '',
      'sku,title\nAPI-1,Via the API',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/product-imports?currency=EUR',
      headers: { ...owner.bearer, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'queued', rowsTotal: 1, filename: 'p.csv' });
    const list = await api.ok('GET', '/product-imports');
    expect(list.data[0].id).toBe(r.json().id);
  });
});
