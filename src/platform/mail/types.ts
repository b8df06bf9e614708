/** A rendered message, ready for a transport. Headers are final (List-Unsubscribe, Message-ID…); DKIM is the transport's. */
export type OutgoingMessage = {
  workspaceId: string;
  /** RFC 5322 Message-ID without angle brackets: `<uuid>@<domain>`. */
  messageId: string;
  from: { email: string; name?: string | null };
  replyTo?: string | null;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** Envelope sender (Return-Path) when bounces go to a mailbox other than From. */
  envelopeFrom?: string | null;
};

export type SendResult =
  | { ok: true; response: string }
  /** `permanent`: a 5xx for this recipient — do not retry; otherwise the server or the connection failed. */
  | { ok: false; permanent: boolean; response: string };

export type DkimKey = { domainName: string; keySelector: string; privateKey: string };

export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  send(message: OutgoingMessage): Promise<SendResult>;
  close(): Promise<void>;
}
