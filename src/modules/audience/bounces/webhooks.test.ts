import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../../../platform/ids.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { createContact } from '../../crm/index.ts';
import { timelineEntries } from '../../crm/schema.ts';
import { emailEvents, emailMessages, suppressions } from '../schema.ts';
import { type SnsMessage, setSnsHttpGet, stringToSign } from './sns.ts';

// A signing certificate of our own, served as if from sns.eu-west-1.amazonaws.com through the replaced HTTP client:
// the verification code runs for real (string to sign, RSA-SHA1/SHA256, certificate parsing); only the download is
// local.
const certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-sns-'));
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=sns.amazonaws.com',
    '-days',
    '2',
    '-keyout',
    path.join(certDir, 'key.pem'),
    '-out',
    path.join(certDir, 'cert.pem'),
  ],
  { stdio: 'ignore' },
);
const KEY = fs.readFileSync(path.join(certDir, 'key.pem'), 'utf8');
const CERT = fs.readFileSync(path.join(certDir, 'cert.pem'), 'utf8');
const CERT_URL = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem';
const fetched: string[] = [];
setSnsHttpGet(async (url) => {
  fetched.push(url);
  if (url === CERT_URL) return { status: 200, body: CERT };
  if (url.startsWith('https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription')) {
    return { status: 200, body: '<ConfirmSubscriptionResponse/>' };
  }
  return { status: 404, body: '' };
});

function signed(
  m: Omit<SnsMessage, 'Signature' | 'SigningCertURL' | 'SignatureVersion'>,
  version: '1' | '2' = '1',
): SnsMessage {
  const msg: SnsMessage = { ...m, SignatureVersion: version, SigningCertURL: CERT_URL };
  const sig = crypto
    .createSign(version === '2' ? 'RSA-SHA256' : 'RSA-SHA1')
    .update(stringToSign(msg), 'utf8')
    .sign(KEY, 'base64');
  return { ...msg, Signature: sig };
}

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ses-feedback';

/** SES bounce notification, shaped like the example in the SES developer guide (with original headers). */
function sesBounce(email: string, messageIdHeader: string, bounceType: 'Permanent' | 'Transient', feedbackId: string) {
  return {
    notificationType: 'Bounce',
    bounce: {
      bounceType,
      reportingMTA: 'dns; email.example.com',
      bouncedRecipients: [
        {
          emailAddress: email,
          status: bounceType === 'Permanent' ? '5.1.1' : '4.2.2',
          action: 'failed',
          diagnosticCode:
            bounceType === 'Permanent' ? `smtp; 550 5.1.1 <${email}>... User` : 'smtp; 452 4.2.2 Mailbox full',
        },
      ],
      bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
      timestamp: '2024-03-20T14:59:38.237Z',
      feedbackId,
      remoteMtaIp: '127.0.2.0',
    },
    mail: {
      timestamp: '2024-03-20T14:59:38.237Z',
      source: 'news@news.example.com',
      sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/news.example.com',
      sourceIp: '127.0.3.0',
      sendingAccountId: '123456789012',
      callerIdentity: 'IAM_user_or_role_name',
      messageId: '00000137860315fd-34208509-5b74-41f3-95c5-22c1edc3c924-000000',
      destination: [email],
      headersTruncated: false,
      headers: [
        { name: 'From', value: '"Lumen Lighting" <news@news.example.com>' },
        { name: 'To', value: email },
        { name: 'Subject', value: 'March news' },
        { name: 'Message-ID', value: `<${messageIdHeader}>` },
        { name: 'MIME-Version', value: '1.0' },
      ],
      commonHeaders: {
        from: ['Lumen Lighting <news@news.example.com>'],
        date: 'Wed, 20 Mar 2024 14:59:37 +0000',
        to: [email],
        messageId: `<${messageIdHeader}>`,
        subject: 'March news',
      },
    },
  };
}

describe('provider webhooks', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const other = await signUpWorkspace(t.app);
  const ws = owner.workspaceId;
  afterAll(() => {
    setSnsHttpGet(null);
    fs.rmSync(certDir, { recursive: true, force: true });
  });
  const hooks = (
    await t.app.inject({ method: 'GET', url: '/api/v1/deliverability/webhooks', headers: owner.bearer })
  ).json();
  const sesPath = new URL(hooks.sesUrl).pathname + new URL(hooks.sesUrl).search;
  const postmarkPath = new URL(hooks.postmarkUrl).pathname + new URL(hooks.postmarkUrl).search;

  async function message(email: string) {
    const c = await createContact({ db: t.db, workspaceId: ws, actorId: null, input: { emails: [email] } });
    const id = newId();
    const mid = `${id}@news.example.com`;
    await t.db.insert(emailMessages).values({
      workspaceId: ws,
      id,
      contactId: c.id,
      email,
      sourceType: 'campaign',
      status: 'sent',
      messageId: mid,
      sentAt: new Date(),
    });
    return { id, mid, contactId: c.id };
  }
  const postSes = (m: SnsMessage, url = sesPath) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': m.Type },
      payload: JSON.stringify(m),
    });

  it('shows webhook URLs with the workspace public key and a token', () => {
    expect(hooks.sesUrl).toMatch(/^http:\/\/localhost:3000\/p\/hooks\/ses\/[^/?]+\?token=.+/);
    expect(hooks.postmarkUrl).toMatch(/\/p\/hooks\/postmark\/[^/?]+\?token=.+/);
    expect(hooks.sesVerifySignature).toBe(true);
  });

  it('SNS subscription: verified, confirmed by fetching only the AWS SubscribeURL, URL kept for the UI', async () => {
    const subscribeUrl = `https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=2336412f37`;
    const r = await postSes(
      signed({
        Type: 'SubscriptionConfirmation',
        MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
        Token: '2336412f37',
        TopicArn: TOPIC,
        Message: `You have chosen to subscribe to the topic ${TOPIC}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
        SubscribeURL: subscribeUrl,
        Timestamp: '2024-03-20T20:39:28.133Z',
      }),
    );
    expect(r.json()).toEqual({ ok: true, confirmed: true });
    expect(fetched).toContain(subscribeUrl);
    const view = (
      await t.app.inject({ method: 'GET', url: '/api/v1/deliverability/webhooks', headers: owner.bearer })
    ).json();
    expect(view).toMatchObject({ sesConfirmed: true, sesTopicArn: TOPIC, sesSubscribeUrl: subscribeUrl });
  });

  it('never fetches a SubscribeURL that is not AWS, even in a validly signed message', async () => {
    const before = fetched.length;
    const r = await postSes(
      signed({
        Type: 'SubscriptionConfirmation',
        MessageId: 'aaa',
        Token: 'x',
        TopicArn: TOPIC,
        Message: 'confirm',
        SubscribeURL: 'https://evil.example/confirm',
        Timestamp: '2024-03-20T20:39:28.133Z',
      }),
    );
    expect(r.json()).toEqual({ ok: true, confirmed: false });
    expect(fetched.slice(before).filter((u) => u.includes('evil'))).toHaveLength(0);
  });

  it('SES hard bounce via SNS (SignatureVersion 1 and 2): recorded against our message and suppressed', async () => {
    const m = await message('jane@example.com');
    const r = await postSes(
      signed({
        Type: 'Notification',
        MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
        TopicArn: TOPIC,
        Subject: 'Amazon SES Email Event Notification',
        Message: JSON.stringify(sesBounce('jane@example.com', m.mid, 'Permanent', 'feedback-1')),
        Timestamp: '2024-03-20T15:00:00.000Z',
      }),
    );
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, bounces: 1, suppressed: 1 });
    const [ev] = await t.db
      .select()
      .from(emailEvents)
      .where(and(eq(emailEvents.workspaceId, ws), eq(emailEvents.messageId, m.id), eq(emailEvents.type, 'bounce')));
    expect(ev?.data).toMatchObject({ kind: 'hard', status: '5.1.1', source: 'ses' });
    const [s] = await t.db
      .select()
      .from(suppressions)
      .where(and(eq(suppressions.workspaceId, ws), eq(suppressions.email, 'jane@example.com')));
    expect(s?.reason).toBe('hard_bounce');
    const tl = await t.db
      .select()
      .from(timelineEntries)
      .where(
        and(
          eq(timelineEntries.workspaceId, ws),
          eq(timelineEntries.contactId, m.contactId),
          eq(timelineEntries.kind, 'email_bounced'),
        ),
      );
    expect(tl).toHaveLength(1);

    // SNS retries: the same notification again is a duplicate, nothing recorded twice.
    const again = await postSes(
      signed(
        {
          Type: 'Notification',
          MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
          TopicArn: TOPIC,
          Message: JSON.stringify(sesBounce('jane@example.com', m.mid, 'Permanent', 'feedback-1')),
          Timestamp: '2024-03-20T15:00:00.000Z',
        },
        '2',
      ),
    );
    expect(again.json()).toMatchObject({ ok: true, bounces: 0, duplicates: 1 });
  });

  it('SES complaint and delivery notifications', async () => {
    const m = await message('richard@example.com');
    const complaint = {
      notificationType: 'Complaint',
      complaint: {
        userAgent: 'AnyCompany Feedback Loop (V0.01)',
        complainedRecipients: [{ emailAddress: 'richard@example.com' }],
        complaintFeedbackType: 'abuse',
        arrivalDate: '2024-03-20T14:59:38.237Z',
        timestamp: '2024-03-20T14:59:38.237Z',
        feedbackId: '000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000',
      },
      mail: sesBounce('richard@example.com', m.mid, 'Permanent', 'x').mail,
    };
    const r = await postSes(
      signed({
        Type: 'Notification',
        MessageId: 'c-1',
        TopicArn: TOPIC,
        Message: JSON.stringify(complaint),
        Timestamp: '2024-03-20T15:00:00.000Z',
      }),
    );
    expect(r.json()).toMatchObject({ complaints: 1, suppressed: 1 });
    const [s] = await t.db
      .select()
      .from(suppressions)
      .where(and(eq(suppressions.workspaceId, ws), eq(suppressions.email, 'richard@example.com')));
    expect(s?.reason).toBe('complaint');

    const m2 = await message('success@example.com');
    const delivery = {
      notificationType: 'Delivery',
      mail: sesBounce('success@example.com', m2.mid, 'Permanent', 'x').mail,
      delivery: {
        timestamp: '2024-03-20T15:00:01.000Z',
        processingTimeMillis: 546,
        recipients: ['success@example.com'],
        smtpResponse: '250 ok:  Message 64111812 accepted',
        remoteMtaIp: '127.0.2.0',
        reportingMTA: 'a8-70.smtp-out.amazonses.com',
      },
    };
    const d = await postSes(
      signed({
        Type: 'Notification',
        MessageId: 'd-1',
        TopicArn: TOPIC,
        Message: JSON.stringify(delivery),
        Timestamp: '2024-03-20T15:00:02.000Z',
      }),
    );
    expect(d.json()).toMatchObject({ delivered: 1 });
    const evs = await t.db
      .select()
      .from(emailEvents)
      .where(and(eq(emailEvents.workspaceId, ws), eq(emailEvents.messageId, m2.id)));
    expect(evs.map((e) => e.type)).toEqual(['delivered']);
  });

  it('refuses forged SNS messages, wrong tokens and other workspaces’ keys', async () => {
    const m = await message('victim@example.com');
    const good = signed({
      Type: 'Notification',
      MessageId: 'f-1',
      TopicArn: TOPIC,
      Message: JSON.stringify(sesBounce('victim@example.com', m.mid, 'Permanent', 'f-1')),
      Timestamp: '2024-03-20T15:00:00.000Z',
    });
    // Body changed after signing.
    const tampered = { ...good, Message: good.Message.replace('victim@example.com', 'other@example.com') };
    expect((await postSes(tampered)).statusCode).toBe(403);
    // A certificate URL that is not AWS.
    expect((await postSes({ ...good, SigningCertURL: 'https://evil.example/cert.pem' })).statusCode).toBe(403);
    expect((await postSes({ ...good, Signature: undefined })).statusCode).toBe(403);
    // Wrong token / no token / token of another workspace.
    expect((await postSes(good, sesPath.replace(/token=[^&]+/, 'token=nope'))).statusCode).toBe(401);
    expect((await postSes(good, sesPath.replace(/\?.*$/, ''))).statusCode).toBe(401);
    const otherHooks = (
      await t.app.inject({ method: 'GET', url: '/api/v1/deliverability/webhooks', headers: other.bearer })
    ).json();
    const otherToken = new URL(otherHooks.sesUrl).search;
    expect((await postSes(good, sesPath.replace(/\?.*$/, otherToken))).statusCode).toBe(401);
    const sup = await t.db
      .select()
      .from(suppressions)
      .where(and(eq(suppressions.workspaceId, ws), eq(suppressions.email, 'victim@example.com')));
    expect(sup).toHaveLength(0);

    // With verification turned off (no route to AWS), the token alone guards the endpoint.
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/deliverability/webhooks',
      headers: owner.bearer,
      payload: { sesVerifySignature: false },
    });
    const unsigned = { ...good, Signature: undefined, SigningCertURL: undefined };
    expect((await postSes(unsigned)).json()).toMatchObject({ ok: true, bounces: 1 });
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/deliverability/webhooks',
      headers: owner.bearer,
      payload: { sesVerifySignature: true },
    });
  });

  it('Postmark bounce, spam complaint and delivery webhooks (token in the URL or HTTP basic auth)', async () => {
    const hard = await message('john@example.com');
    const bounce = {
      RecordType: 'Bounce',
      MessageStream: 'outbound',
      ID: 4323372036854775,
      Type: 'HardBounce',
      TypeCode: 1,
      Name: 'Hard bounce',
      Tag: 'Invitation',
      MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
      Metadata: { a_key: 'a_value' },
      ServerID: 23,
      Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
      Details: 'Test bounce details',
      Email: 'john@example.com',
      From: 'news@news.example.com',
      BouncedAt: '2024-03-21T16:33:54.9070259Z',
      DumpAvailable: true,
      Inactive: true,
      CanActivate: true,
      Subject: 'Test subject',
      Content: `Return-Path: <>\nMessage-ID: <${hard.mid}>\nSubject: Test subject\n\nTest content`,
    };
    const r = await t.app.inject({ method: 'POST', url: postmarkPath, payload: bounce });
    expect(r.json()).toMatchObject({ ok: true, bounces: 1, suppressed: 1 });
    const [ev] = await t.db
      .select()
      .from(emailEvents)
      .where(and(eq(emailEvents.workspaceId, ws), eq(emailEvents.messageId, hard.id), eq(emailEvents.type, 'bounce')));
    expect(ev?.data).toMatchObject({ kind: 'hard', source: 'postmark', postmarkType: 'HardBounce' });

    const soft = await message('soft@example.com');
    const token = new URL(hooks.postmarkUrl).searchParams.get('token');
    const basic = { authorization: `Basic ${Buffer.from(`postmark:${token}`).toString('base64')}` };
    const pathOnly = postmarkPath.replace(/\?.*$/, '');
    const s = await t.app.inject({
      method: 'POST',
      url: pathOnly,
      headers: basic,
      payload: { ...bounce, ID: 77, Type: 'SoftBounce', TypeCode: 4096, Email: 'soft@example.com', Content: undefined },
    });
    expect(s.json()).toMatchObject({ bounces: 1, suppressed: 0 });
    const [softEv] = await t.db
      .select()
      .from(emailEvents)
      .where(and(eq(emailEvents.workspaceId, ws), eq(emailEvents.messageId, soft.id), eq(emailEvents.type, 'bounce')));
    expect(softEv?.data.kind).toBe('soft'); // matched by recipient: Postmark's MessageID is its own

    await message('angry@example.com');
    const spam = {
      RecordType: 'SpamComplaint',
      MessageStream: 'outbound',
      ID: 42,
      Type: 'SpamComplaint',
      TypeCode: 512,
      Name: 'Spam complaint',
      Tag: 'Test',
      MessageID: '00000000-0000-0000-0000-000000000000',
      Metadata: { a_key: 'a_value' },
      ServerID: 1234,
      Description: '',
      Details: 'Test spam complaint details',
      Email: 'angry@example.com',
      From: 'news@news.example.com',
      BouncedAt: '2024-03-21T16:33:54.9070259Z',
      DumpAvailable: true,
      Inactive: true,
      CanActivate: false,
      Subject: 'Test subject',
      Content: '<Abuse report dump>',
    };
    expect((await t.app.inject({ method: 'POST', url: postmarkPath, payload: spam })).json()).toMatchObject({
      complaints: 1,
      suppressed: 1,
    });

    const delivered = await message('delivered@example.com');
    const delivery = {
      RecordType: 'Delivery',
      ServerID: 23,
      MessageStream: 'outbound',
      MessageID: '00000000-0000-0000-0000-000000000000',
      Recipient: 'delivered@example.com',
      Tag: 'welcome-email',
      DeliveredAt: '2024-03-21T16:33:54.9070259Z',
      Details: 'Test delivery webhook details',
      Metadata: { a_key: 'a_value' },
    };
    expect((await t.app.inject({ method: 'POST', url: postmarkPath, payload: delivery })).json()).toMatchObject({
      delivered: 1,
    });
    const evs = await t.db
      .select()
      .from(emailEvents)
      .where(and(eq(emailEvents.workspaceId, ws), eq(emailEvents.messageId, delivered.id)));
    expect(evs.map((e) => e.type)).toEqual(['delivered']);

    // No or wrong credentials.
    expect((await t.app.inject({ method: 'POST', url: pathOnly, payload: spam })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: pathOnly,
          headers: { authorization: 'Basic cG9zdG1hcms6d3Jvbmc=' },
          payload: spam,
        })
      ).statusCode,
    ).toBe(401);
  });
});
