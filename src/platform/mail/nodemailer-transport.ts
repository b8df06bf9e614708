import nodemailer from 'nodemailer';
import type { DkimKey, MailTransport, OutgoingMessage, SendResult } from './types.ts';

/**
 * The simple SMTP transport (nodemailer's pool): confirmations, notifications, test sends. Bulk campaign sending has
 * its own pipelining client (see smtp/), because nodemailer's per-message cost caps it far below the server's rate.
 */
export function nodemailerTransport(smtpUrl: string, opts: { dkim?: DkimKey | null } = {}): MailTransport {
  const t = nodemailer.createTransport(smtpUrl.includes('pool=') ? smtpUrl : withPool(smtpUrl), {
    ...(opts.dkim ? { dkim: opts.dkim } : {}),
  });
  return {
    kind: 'smtp',
    async send(m: OutgoingMessage): Promise<SendResult> {
      try {
        const info = await t.sendMail({
          messageId: `<${m.messageId}>`,
          from: m.from.name ? { name: m.from.name, address: m.from.email } : m.from.email,
          to: m.to,
          ...(m.replyTo ? { replyTo: m.replyTo } : {}),
          subject: m.subject,
          html: m.html,
          text: m.text,
          headers: m.headers,
          ...(m.envelopeFrom ? { envelope: { from: m.envelopeFrom, to: m.to } } : {}),
        });
        return { ok: true, response: info.response };
      } catch (e) {
        const err = e as { responseCode?: number; response?: string; message: string };
        const code = err.responseCode ?? 0;
        return { ok: false, permanent: code >= 500 && code < 600, response: err.response ?? err.message };
      }
    },
    async close() {
      t.close();
    },
  };
}

function withPool(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}pool=true`;
}
