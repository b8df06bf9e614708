import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify, parseReport } from './parse.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(dir, name));
const ours = (n: string) => `0190f5a2-7c3e-7d41-9a55-3b2c1d0e9f${n}@news.example.com`;

describe('parseReport on real-world shaped bounces', () => {
  it('Postfix RFC 3464 DSN: user unknown is hard, matched by the returned Message-ID', () => {
    const r = parseReport(fixture('postfix-hard.eml'));
    expect(r).toMatchObject({
      type: 'bounce',
      format: 'rfc3464',
      originalMessageId: ours('01'),
      reportId: 'mid:20240312101503.4Xk2pT1bQzz1xW@mail.news.example.com',
    });
    if (r.type !== 'bounce') throw new Error();
    expect(r.recipients).toEqual([
      {
        email: 'nobody@example.net',
        kind: 'hard',
        status: '5.1.1',
        diagnostic: '550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in virtual mailbox table',
      },
    ]);
  });

  it('Gmail DSN (nested multipart/related + alternative)', () => {
    const r = parseReport(fixture('gmail-hard.eml'));
    if (r.type !== 'bounce') throw new Error(r.type);
    expect(r.originalMessageId).toBe(ours('02'));
    expect(r.recipients).toHaveLength(1);
    expect(r.recipients[0]).toMatchObject({ email: 'no.such.user.xyz@gmail.com', kind: 'hard', status: '5.1.1' });
    expect(r.recipients[0]?.diagnostic).toContain('does not exist');
  });

  it('Outlook / Office 365 NDR with text/rfc822-headers and a 5.1.10 status', () => {
    const r = parseReport(fixture('outlook-hard.eml'));
    if (r.type !== 'bounce') throw new Error(r.type);
    expect(r.originalMessageId).toBe(ours('03'));
    expect(r.recipients[0]).toMatchObject({ email: 'gone@contoso.com', kind: 'hard', status: '5.1.10' });
  });

  it('classic Exim plain-text bounce (X-Failed-Recipients, original quoted inline)', () => {
    const r = parseReport(fixture('exim-text.eml'));
    if (r.type !== 'bounce') throw new Error(r.type);
    expect(r.format).toBe('text');
    expect(r.originalMessageId).toBe(ours('04'));
    expect(r.recipients).toEqual([
      expect.objectContaining({ email: 'olduser@example.org', kind: 'hard', status: '5.1.1' }),
    ]);
    expect(r.recipients[0]?.diagnostic).toContain('No such user here');
  });

  it('qmail bounce without the original headers: recipient only', () => {
    const r = parseReport(fixture('qmail-no-headers.eml'));
    if (r.type !== 'bounce') throw new Error(r.type);
    expect(r.originalMessageId).toBeNull();
    expect(r.recipients).toEqual([
      expect.objectContaining({ email: 'closed.account@old-isp.example', kind: 'hard', status: '5.1.1' }),
    ]);
  });

  it('mailbox full (5.2.2) and a timeout after retries (4.4.1) are soft', () => {
    const full = parseReport(fixture('postfix-mailbox-full.eml'));
    if (full.type !== 'bounce') throw new Error(full.type);
    expect(full.originalMessageId).toBe(ours('05'));
    expect(full.recipients[0]).toMatchObject({ email: 'full@example.net', kind: 'soft', status: '5.2.2' });
    const timeout = parseReport(fixture('postfix-soft-timeout.eml'));
    if (timeout.type !== 'bounce') throw new Error(timeout.type);
    expect(timeout.recipients[0]).toMatchObject({ email: 'slow@example.net', kind: 'soft', status: '4.4.1' });
  });

  it('delay warnings and auto-replies are ignored', () => {
    expect(parseReport(fixture('postfix-delayed.eml'))).toMatchObject({ type: 'ignored', reason: 'delay warning' });
    expect(parseReport(fixture('auto-reply.eml'))).toMatchObject({ type: 'ignored', reason: 'auto-reply' });
  });

  it('ARF (RFC 5965) complaint from a feedback loop', () => {
    const r = parseReport(fixture('arf-complaint.eml'));
    expect(r).toMatchObject({
      type: 'complaint',
      feedbackType: 'abuse',
      recipients: ['angry@yahoo.example'],
      originalMessageId: ours('08'),
      userAgent: 'Yahoo!-Mail-Feedback/2.0',
    });
  });

  it('a report without a Message-ID still gets a stable id', () => {
    const raw = fixture('postfix-hard.eml')
      .toString('latin1')
      .replace(/^Message-Id:.*\n/m, '');
    const a = parseReport(raw);
    const b = parseReport(raw);
    expect(a.reportId).toMatch(/^sha256:/);
    expect(a.reportId).toBe(b.reportId);
  });

  it('classifies status codes and diagnostics', () => {
    expect(classify('5.1.1', null)).toBe('hard');
    expect(classify('5.4.4', 'unable to route')).toBe('hard');
    expect(classify('4.2.2', 'mailbox full')).toBe('soft');
    expect(classify('5.2.2', 'Mailbox full')).toBe('soft');
    expect(classify('5.7.1', 'Message rejected as spam')).toBe('soft');
    expect(classify('5.7.1', '550 5.7.1 Recipient address rejected: user unknown')).toBe('hard');
    expect(classify('5.0.0', '550 quota exceeded')).toBe('soft');
    expect(classify(null, '550 No such user')).toBe('hard');
    expect(classify(null, '451 try again later')).toBe('soft');
    expect(classify(null, null)).toBe('soft');
  });
});
