import nodemailer from 'nodemailer';
import type { Config } from '../../../platform/config.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { getAccountRow } from './account-view.ts';
import type { TConnectionTest } from './contracts.ts';

/** Connects, says EHLO, starts TLS and logs in as a send would (nodemailer `verify()`), and says what happened. */
export async function testConnection({
  db,
  config,
  workspaceId,
  id,
  timeoutMs = 10_000,
}: {
  db: DbOrTx;
  config: Config;
  workspaceId: string;
  id: string;
  timeoutMs?: number;
}): Promise<TConnectionTest> {
  const row = await getAccountRow(db, workspaceId, id);
  const url = row.smtpUrl ?? config.smtpUrl ?? null;
  if (!url) {
    return {
      ok: true,
      mode: 'outbox',
      host: null,
      port: null,
      secure: false,
      message:
        'No SMTP server is set for this account or this server: messages are kept in the outbox (nothing leaves).',
      durationMs: 0,
    };
  }
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  const port = Number(u.port) || (secure ? 465 : 587);
  const started = Date.now();
  const transport = nodemailer.createTransport({
    ...smtpOptions(u),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.verify();
    return {
      ok: true,
      mode: 'smtp',
      host: u.hostname,
      port,
      secure,
      message: `Connected to ${u.hostname}:${port}${u.username ? ` and signed in as ${decodeURIComponent(u.username)}` : ''}.`,
      durationMs: Date.now() - started,
    };
  } catch (e) {
    return {
      ok: false,
      mode: 'smtp',
      host: u.hostname,
      port,
      secure,
      message: explain(e as NodemailerError, u.hostname, port),
      durationMs: Date.now() - started,
    };
  } finally {
    transport.close();
  }
}

/** The URL as nodemailer options (as nodemailer reads it: `?tls.rejectUnauthorized=false` and the like). */
function smtpOptions(u: URL): Record<string, unknown> {
  const o: Record<string, unknown> = {
    host: u.hostname,
    port: Number(u.port) || (u.protocol === 'smtps:' ? 465 : 587),
    secure: u.protocol === 'smtps:',
  };
  if (u.username) o.auth = { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) };
  for (const [k, raw] of u.searchParams) {
    if (k === 'pool') continue;
    const v: unknown = raw === 'true' ? true : raw === 'false' ? false : /^\d+$/.test(raw) ? Number(raw) : raw;
    const [head, ...rest] = k.split('.');
    if (!head || head === '__proto__' || rest.includes('__proto__')) continue;
    if (rest.length === 0) o[head] = v;
    else o[head] = { ...((o[head] as Record<string, unknown>) ?? {}), [rest.join('.')]: v };
  }
  return o;
}

type NodemailerError = Error & { code?: string; responseCode?: number; response?: string };

function explain(e: NodemailerError, host: string, port: number): string {
  const server = e.response ? ` The server said: ${e.response.trim()}` : '';
  // nodemailer reports a refused or timed-out socket as ESOCKET/ECONNECTION with the system error in the message.
  const code = /ECONNREFUSED/.test(e.message)
    ? 'ECONNREFUSED'
    : /ETIMEDOUT|timeout/i.test(e.message) && e.code !== 'EAUTH'
      ? 'ETIMEDOUT'
      : /ENOTFOUND|EAI_AGAIN/.test(e.message)
        ? 'EDNS'
        : e.code;
  switch (code) {
    case 'EDNS':
      return `The host name ${host} could not be found (DNS). Check its spelling.`;
    case 'ECONNECTION':
    case 'ECONNREFUSED':
      return `${host}:${port} refused the connection. Check the host and the port (587 for STARTTLS, 465 for smtps://).`;
    case 'ETIMEDOUT':
      return `${host}:${port} did not answer in time. A firewall may block outgoing SMTP, or the port is wrong.`;
    case 'EAUTH':
      return `Signing in failed: check the user name and password.${server}`;
    case 'ETLS':
      return `The secure connection (TLS) failed: try smtps:// with port 465, or smtp:// with port 587.${server}`;
    case 'ESOCKET':
      return `The connection broke: ${e.message}. With port 465 use smtps://, with 587 use smtp://.`;
    case 'EENVELOPE':
    case 'EPROTOCOL':
      return `The server did not speak SMTP as expected: ${e.message}.${server}`;
    default:
      return `${e.message}${server}`;
  }
}
