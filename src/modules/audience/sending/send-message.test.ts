import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/schema.ts';
import { startTestSmtp } from '../../../platform/mail/test-smtp.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { createContact } from '../../crm/index.ts';
import { readLink, verifyLink } from '../links.ts';
import { sendingAccounts } from '../schema.ts';
import { closeTransports } from './accounts.ts';
import { sendMessage } from './send-message.ts';
import { suppress } from './suppression.ts';

const template = {
  subject: 'Hello {{ contact.first_name }}',
  mjml: `<mjml><mj-body><mj-section><mj-column>
    <mj-text>Dear {{ contact.first_name }} from {{ contact.company }}, <a href="https://example.com/report?a=1&amp;b=2">the report</a>.</mj-text>
    <mj-text><a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
  </mj-column></mj-section></mj-body></mjml>`,
};

describe('sendMessage', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const contact = await createContact({
    db: t.db,
    workspaceId: owner.workspaceId,
    actorId: null,
    input: { firstName: 'Ana <b>', lastName: 'Silva', emails: ['ana@example.org'], companyName: 'Acme' },
  });
  const mailContact = {
    id: contact.id,
    email: 'ana@example.org',
    firstName: contact.firstName,
    lastName: contact.lastName,
    companyName: 'Acme',
  };

  it('keeps the message in the outbox, personalised, escaped, tracked, with one-click unsubscribe', async () => {
    const r = await sendMessage(t.db, t.config, {
      workspaceId: owner.workspaceId,
      contact: mailContact,
      sourceType: 'test',
      dedupeKey: 'test:1',
      template,
      marketing: true,
    });
    expect(r.status).toBe('sent');
    const [row] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.workspaceId, owner.workspaceId));
    expect(row?.subject).toBe('Hello Ana <b>');
    expect(row?.html).toContain('Dear Ana &lt;b&gt; from Acme');
    expect(row?.html).not.toContain('href="https://example.com/report');
    const click = /href="(http:\/\/localhost:3000\/p\/c\/[^"]+)"/.exec(row?.html ?? '')?.[1];
    const claims = await verifyLink(t.db, click!.split('/p/c/')[1]!, 'click');
    expect(claims?.extra.toString()).toBe('https://example.com/report?a=1&b=2');
    expect(row?.html).toMatch(/\/p\/o\/[A-Za-z0-9_-]+\.gif/);
    expect(row?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const unsub = /<(.+)>/.exec(row?.headers['List-Unsubscribe'] ?? '')?.[1] ?? '';
    // The unsubscribe link in the body is the header's, and is not click-tracked.
    expect(row?.html).toContain(`href="${unsub}"`);
    expect(row?.text).toContain('Dear Ana <b> from Acme');
  });

  it('sends nothing twice for one dedupe key, and nothing to a suppressed address', async () => {
    const again = await sendMessage(t.db, t.config, {
      workspaceId: owner.workspaceId,
      contact: mailContact,
      sourceType: 'test',
      dedupeKey: 'test:1',
      template,
      marketing: true,
    });
    expect(again).toMatchObject({ status: 'skipped', reason: 'already sent' });
    await suppress(t.db, owner.workspaceId, 'ANA@example.org', 'complaint');
    const blocked = await sendMessage(t.db, t.config, {
      workspaceId: owner.workspaceId,
      contact: mailContact,
      sourceType: 'confirmation',
      template,
      marketing: false,
    });
    expect(blocked).toMatchObject({ status: 'skipped', reason: 'suppressed (complaint)' });
  });

  describe('over SMTP', () => {
    let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
    beforeAll(async () => {
      smtp = await startTestSmtp();
    });
    afterAll(async () => {
      await closeTransports();
      await smtp.close();
    });

    it('tries a failed message again under its dedupe key, and never sends a delivered one twice', async () => {
      let refusals = 1;
      const picky = await startTestSmtp({ onData: () => (refusals-- > 0 ? '451 try again later' : null) });
      try {
        const account = crypto.randomUUID();
        await t.db.insert(sendingAccounts).values({
          workspaceId: owner.workspaceId,
          id: account,
          name: 'Picky',
          smtpUrl: picky.url,
          fromEmail: 'news@picky.example',
        });
        const cy = await createContact({
          db: t.db,
          workspaceId: owner.workspaceId,
          actorId: null,
          input: { firstName: 'Cy', emails: ['cy@example.net'] },
        });
        const once = {
          workspaceId: owner.workspaceId,
          contact: { id: cy.id, email: 'cy@example.net', firstName: 'Cy', lastName: null, companyName: null },
          sourceType: 'confirmation' as const,
          dedupeKey: 'retry:1',
          template,
          accountId: account,
          marketing: false,
        };
        const first = await sendMessage(t.db, t.config, once);
        expect(first).toMatchObject({ status: 'failed', permanent: false });
        const second = await sendMessage(t.db, t.config, once);
        expect(second).toMatchObject({ status: 'sent', messageId: first.messageId });
        expect(await sendMessage(t.db, t.config, once)).toMatchObject({ status: 'skipped', reason: 'already sent' });
        expect(picky.received).toHaveLength(1);
      } finally {
        // The pooled connection stays open until closed; the server's close waits for it.
        await closeTransports();
        await picky.close();
      }
    });

    it('delivers a DKIM-signed message that verifies', async () => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
      await t.db.insert(sendingAccounts).values({
        workspaceId: owner.workspaceId,
        id: crypto.randomUUID(),
        name: 'News',
        smtpUrl: smtp.url,
        fromEmail: 'news@shop.example',
        dkimDomain: 'shop.example',
        dkimSelector: 'fh1',
        dkimPrivateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        isDefault: true,
      });
      const other = await createContact({
        db: t.db,
        workspaceId: owner.workspaceId,
        actorId: null,
        input: { firstName: 'Bo', emails: ['bo@example.net'] },
      });
      const r = await sendMessage(t.db, t.config, {
        workspaceId: owner.workspaceId,
        contact: { id: other.id, email: 'bo@example.net', firstName: 'Bo', lastName: null, companyName: null },
        sourceType: 'test',
        template,
        marketing: true,
      });
      expect(r.status).toBe('sent');
      expect(smtp.received).toHaveLength(1);
      const raw = smtp.received[0]!.raw;
      const dns = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      const verdict = await dkimVerify(raw, {
        resolver: async (name: string, type: string) => {
          if (type === 'TXT' && name === 'fh1._domainkey.shop.example') return [[`v=DKIM1; k=rsa; p=${dns}`]];
          throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
        },
      });
      expect(verdict.results[0]?.status.result).toBe('pass');
      const parsed = await smtp.parse(smtp.received[0]!);
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
      expect(parsed.subject).toBe('Hello Bo');
      const token = /\/p\/u\/([A-Za-z0-9_-]+)/.exec(raw)?.[1] ?? '';
      expect(readLink(token)?.purpose).toBe('unsubscribe');
      const [msg] = await t.db
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.workspaceId, owner.workspaceId), eq(mailOutbox.toEmail, 'bo@example.net')));
      expect(msg).toBeUndefined();
    });
  });
});
