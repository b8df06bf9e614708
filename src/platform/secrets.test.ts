import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bounceMailboxes } from '../modules/audience/bounces/schema.ts';
import { sendingAccounts } from '../modules/audience/schema.ts';
import { audienceSettingsFor } from '../modules/audience/settings.ts';
import { commerceStorefronts } from '../modules/commerce/ingest/schema.ts';
import { shippingCarriers } from '../modules/commerce/shipping/schema.ts';
import { loadConfig } from './config.ts';
import { AppError } from './errors.ts';
import { newId } from './ids.ts';
import { loadSecretKey } from './secret-key.ts';
import {
  forgetUnreadableSecrets,
  isSealed,
  openSecret,
  sealSecret,
  sealStoredSecrets,
  setSecretKey,
} from './secrets.ts';
import { signUpWorkspace, testApp } from './testing.ts';
import { setTestSecretKey } from './testing-key.ts';

describe('sealed secrets', () => {
  it('seals with a fresh IV each time, opens only under the same key and label, and reads old plain values as they are', () => {
    const a = sealSecret('smtp://mailer:pw@mx.example', 'sending_accounts.smtp_url');
    const b = sealSecret('smtp://mailer:pw@mx.example', 'sending_accounts.smtp_url');
    expect(a).not.toBe(b);
    expect(isSealed(a)).toBe(true);
    expect(a).not.toContain('mailer');
    expect(openSecret(a, 'sending_accounts.smtp_url')).toBe('smtp://mailer:pw@mx.example');
    // Moved to another column, or changed by one character: refused, with a message that says what to do.
    expect(() => openSecret(a, 'bounce_mailboxes.password')).toThrow(AppError);
    expect(() => openSecret(a, 'bounce_mailboxes.password')).toThrow(
      /bounce_mailboxes\.password.*forget-unreadable.*enter it again/,
    );
    const flipped = a.slice(0, -2) + (a.at(-2) === 'A' ? 'B' : 'A') + a.at(-1);
    expect(() => openSecret(flipped, 'sending_accounts.smtp_url')).toThrow(AppError);
    // Under another installation's key.
    setSecretKey({ key: crypto.randomBytes(32), source: 'another key' });
    try {
      expect(() => openSecret(a, 'sending_accounts.smtp_url')).toThrow(/another key/);
    } finally {
      setTestSecretKey();
    }
    expect(openSecret('smtp://old:plain@mx.example', 'sending_accounts.smtp_url')).toBe('smtp://old:plain@mx.example');
  });

  it('makes the key file once (mode 0600) and reuses it; FREEHOLD_SECRET_KEY wins; a bad key is a clear error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'freehold-secret-'));
    try {
      const first = loadSecretKey({ dataDir: dir, secretKey: undefined });
      const again = loadSecretKey({ dataDir: dir, secretKey: undefined });
      expect(first.key).toHaveLength(32);
      expect(again.key.equals(first.key)).toBe(true);
      expect(first.source).toBe(path.join(dir, 'secret.key'));
      expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
      expect(fs.readdirSync(dir)).toEqual(['secret.key']);

      const hex = crypto.randomBytes(32).toString('hex');
      const env = loadConfig({ FREEHOLD_DATA_DIR: dir, FREEHOLD_SECRET_KEY: hex });
      expect(loadSecretKey(env)).toEqual({ key: Buffer.from(hex, 'hex'), source: 'FREEHOLD_SECRET_KEY' });
      expect(() => loadConfig({ FREEHOLD_SECRET_KEY: 'too short' })).toThrow(/FREEHOLD_SECRET_KEY: expected 32 bytes/);

      fs.writeFileSync(path.join(dir, 'secret.key'), 'not a key\n');
      expect(() => loadSecretKey({ dataDir: dir, secretKey: undefined })).toThrow(/does not hold a secret key/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('credentials in the database', async () => {
  const t = await testApp();
  const ws = await signUpWorkspace(t.app, 'Sealed Co');

  it('stores credentials and the secrets Freehold makes sealed, and the API and the app see them opened', async () => {
    const smtpUrl = 'smtp://mailer:s3cret-pw@127.0.0.1:2525';
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sending-accounts',
      headers: ws.bearer,
      payload: { name: 'Main', smtpUrl, fromEmail: 'news@sealed.example' },
    });
    expect(created.statusCode).toBe(201);
    const dkim = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sending-accounts/${created.json().id}/dkim`,
      headers: ws.bearer,
      payload: {},
    });
    expect(dkim.statusCode).toBeLessThan(300);
    const mailbox = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/bounce-mailbox',
      headers: ws.bearer,
      payload: { host: 'imap.sealed.example', username: 'bounces@sealed.example', password: 'imap-pw-123' },
    });
    expect(mailbox.statusCode).toBeLessThan(300);
    await t.db.insert(shippingCarriers).values({
      workspaceId: ws.workspaceId,
      id: newId(),
      name: 'API carrier',
      kind: 'api',
      adapter: 'test',
      adapterSecret: 'carrier-token-456',
    });
    await t.db.insert(commerceStorefronts).values({
      workspaceId: ws.workspaceId,
      id: newId(),
      publicKey: crypto.randomBytes(16).toString('hex'),
      name: 'Shop',
      platform: 'woocommerce',
      secret: 'whsec_storefront-789',
    });

    // Secrets Freehold makes for the workspace: the link-signing key, the bounce webhook token, a flow's webhook secret.
    const hooks = await t.app.inject({ method: 'GET', url: '/api/v1/deliverability/webhooks', headers: ws.bearer });
    const token = new URL(hooks.json().sesUrl).searchParams.get('token');
    const flow = await t.app.inject({
      method: 'POST',
      url: '/api/v1/flows',
      headers: ws.bearer,
      payload: { name: 'F' },
    });
    expect([hooks.statusCode, flow.statusCode]).toEqual([200, 201]);
    const signingKey = (await audienceSettingsFor(t.db, ws.workspaceId)).signingKey;
    expect(signingKey).toMatch(/^[0-9a-f]{64}$/);
    const made = { signing: signingKey, hook: token, flow: flow.json().webhookSecret as string };
    const rawMade = await t.db.execute<Record<string, string | null>>(sql`
      select (select signing_key from audience_settings where workspace_id = ${ws.workspaceId}) as signing,
             (select webhook_token from deliverability_settings where workspace_id = ${ws.workspaceId}) as hook,
             (select webhook_secret from audience_flows where workspace_id = ${ws.workspaceId}) as flow`);
    for (const [k, v] of Object.entries(rawMade.rows[0]!)) {
      expect(v?.startsWith('fh1:')).toBe(true);
      expect(v).not.toContain(made[k as keyof typeof made]);
    }

    const raw = await t.db.execute<Record<string, string | null>>(sql`
      select (select smtp_url from sending_accounts where workspace_id = ${ws.workspaceId}) as smtp_url,
             (select dkim_private_key from sending_accounts where workspace_id = ${ws.workspaceId}) as dkim,
             (select password from bounce_mailboxes where workspace_id = ${ws.workspaceId}) as imap,
             (select adapter_secret from shipping_carriers where workspace_id = ${ws.workspaceId}) as carrier,
             (select secret from commerce_storefronts where workspace_id = ${ws.workspaceId}) as storefront`);
    const row = raw.rows[0]!;
    for (const v of Object.values(row)) expect(v?.startsWith('fh1:')).toBe(true);
    const dump = JSON.stringify(row);
    for (const plain of ['s3cret-pw', 'PRIVATE KEY', 'imap-pw-123', 'carrier-token-456', 'storefront-789'])
      expect(dump).not.toContain(plain);

    const [account] = await t.db.select().from(sendingAccounts).where(eq(sendingAccounts.workspaceId, ws.workspaceId));
    expect(account?.smtpUrl).toBe(smtpUrl);
    expect(account?.dkimPrivateKey).toContain('-----BEGIN PRIVATE KEY-----');
    const [box] = await t.db.select().from(bounceMailboxes).where(eq(bounceMailboxes.workspaceId, ws.workspaceId));
    expect(box?.password).toBe('imap-pw-123');
    const [carrier] = await t.db
      .select()
      .from(shippingCarriers)
      .where(and(eq(shippingCarriers.workspaceId, ws.workspaceId), eq(shippingCarriers.name, 'API carrier')));
    expect(carrier?.adapterSecret).toBe('carrier-token-456');
    const [shop] = await t.db
      .select()
      .from(commerceStorefronts)
      .where(eq(commerceStorefronts.workspaceId, ws.workspaceId));
    expect(shop?.secret).toBe('whsec_storefront-789');
  });

  it('seals values stored in the clear before (or by raw SQL) at start, once', async () => {
    const id = newId();
    await t.db.execute(sql`insert into sending_accounts (workspace_id, id, name, smtp_url, from_email, is_default)
      values (${ws.workspaceId}, ${id}, 'Legacy', 'smtp://old:legacy-pw@mx.example', 'old@sealed.example', false)`);
    const read = async () =>
      (
        await t.db
          .select({ smtpUrl: sendingAccounts.smtpUrl })
          .from(sendingAccounts)
          .where(and(eq(sendingAccounts.workspaceId, ws.workspaceId), eq(sendingAccounts.id, id)))
      )[0]?.smtpUrl;
    expect(await read()).toBe('smtp://old:legacy-pw@mx.example');
    expect(await sealStoredSecrets(t.db)).toBeGreaterThanOrEqual(1);
    const stored = await t.db.execute<{ smtp_url: string }>(
      sql`select smtp_url from sending_accounts where workspace_id = ${ws.workspaceId} and id = ${id}`,
    );
    expect(stored.rows[0]?.smtp_url).toMatch(/^fh1:/);
    expect(await read()).toBe('smtp://old:legacy-pw@mx.example');
    expect(await sealStoredSecrets(t.db)).toBe(0);
  });

  it('clears, on request, only the credentials this key cannot open (a lost key), so they can be entered again', async () => {
    setSecretKey({ key: crypto.randomBytes(32), source: 'a lost key' });
    let lost: string;
    let lostToken: string;
    try {
      lost = sealSecret('smtp://old:lost-pw@mx.example', 'sending_accounts.smtp_url');
      lostToken = sealSecret('old-token', 'deliverability_settings.webhook_token');
    } finally {
      setTestSecretKey();
    }
    const id = newId();
    await t.db.execute(sql`insert into sending_accounts (workspace_id, id, name, smtp_url, from_email, is_default)
      values (${ws.workspaceId}, ${id}, 'Lost', ${lost}, 'lost@sealed.example', false)`);
    // A secret Freehold made is replaced by a fresh one, not blanked: an empty token would match an empty `?token=`.
    await t.db.execute(sql`update deliverability_settings set webhook_token = ${lostToken}
      where workspace_id = ${ws.workspaceId}`);
    await expect(
      t.db.select().from(sendingAccounts).where(eq(sendingAccounts.workspaceId, ws.workspaceId)),
    ).rejects.toThrow(/secrets forget-unreadable/);
    const cleared = await forgetUnreadableSecrets(t.db);
    expect(cleared.find((c) => c.table === 'sending_accounts' && c.column === 'smtp_url')?.cleared).toBe(1);
    expect(cleared.find((c) => c.table === 'deliverability_settings')).toMatchObject({ cleared: 1, renewed: true });
    expect(cleared.reduce((n, c) => n + c.cleared, 0)).toBe(2);
    const hooks = await t.app.inject({ method: 'GET', url: '/api/v1/deliverability/webhooks', headers: ws.bearer });
    expect(new URL(hooks.json().sesUrl).searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const rows = await t.db.select().from(sendingAccounts).where(eq(sendingAccounts.workspaceId, ws.workspaceId));
    expect(rows.find((r) => r.id === id)?.smtpUrl).toBeNull();
    expect(rows.find((r) => r.name === 'Main')?.smtpUrl).toBe('smtp://mailer:s3cret-pw@127.0.0.1:2525');
  });
});
