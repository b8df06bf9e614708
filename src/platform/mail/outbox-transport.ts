import type { DbOrTx } from '../db/client.ts';
import { newId } from '../ids.ts';
import { mailOutbox } from './schema.ts';
import type { MailTransport, OutgoingMessage, SendResult } from './types.ts';

/** Keeps messages in the database instead of sending them (no SMTP_URL). */
export function outboxTransport(db: DbOrTx): MailTransport {
  return {
    kind: 'outbox',
    async send(m: OutgoingMessage): Promise<SendResult> {
      await db.insert(mailOutbox).values({
        workspaceId: m.workspaceId,
        id: newId(),
        messageId: m.messageId,
        fromEmail: m.from.email,
        toEmail: m.to,
        subject: m.subject,
        html: m.html,
        text: m.text,
        headers: m.headers,
      });
      return { ok: true, response: '250 kept in the outbox' };
    },
    async close() {},
  };
}
