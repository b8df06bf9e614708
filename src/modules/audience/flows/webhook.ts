import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// Outgoing webhooks. The URL is typed by a user, so the server must not become their way into its own network
// (SSRF): every address the name resolves to is checked at connection time (no DNS-rebinding window), redirects
// are not followed, and the answer is read only for its status.

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** True for loopback, private, link-local, carrier-grade NAT, documentation, multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` — the timestamp inside the MAC stops replays. */
export function signPayload(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export type WebhookResult =
  | { ok: true; details: Record<string, unknown> }
  | {
      ok: false;
      permanent: boolean;
      details: Record<string, unknown>;
    };

export const WEBHOOK_TIMEOUT_MS = 10_000;

export async function callWebhook(opts: {
  url: string;
  secret: string;
  deliveryId: string;
  body: unknown;
  allowPrivate: boolean;
  now?: Date;
  timeoutMs?: number;
}): Promise<WebhookResult> {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    return { ok: false, permanent: true, details: { error: 'not a URL' } };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, permanent: true, details: { error: 'only http and https URLs are called' } };
  if (url.username || url.password)
    return {
      ok: false,
      permanent: true,
      details: { error: 'credentials in the URL are not sent; sign with the flow secret' },
    };
  const body = JSON.stringify(opts.body);
  const timestamp = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const guardedLookup: LookupFunction = (hostname, options, callback) => {
    lookup(hostname, { all: true, verbatim: true })
      .then((addresses) => {
        const allowed = opts.allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
        if (!allowed.length) {
          const err = Object.assign(new Error(`${hostname} resolves to a private or loopback address`), {
            code: 'EPRIVATE',
          });
          return callback(err, '', 4);
        }
        if (options.all) return callback(null, allowed as never, 4);
        return callback(null, allowed[0]!.address, allowed[0]!.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, '', 4));
  };
  // A literal IP skips the lookup function, so it is checked here.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !opts.allowPrivate && isPrivateAddress(host))
    return { ok: false, permanent: true, details: { error: `${host} is a private or loopback address` } };

  return new Promise<WebhookResult>((resolve) => {
    const started = Date.now();
    const req = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Freehold-Webhooks/1',
          'x-freehold-delivery': opts.deliveryId,
          'x-freehold-signature': signPayload(opts.secret, body, timestamp),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          clearTimeout(timer);
          const status = res.statusCode ?? 0;
          const details = { status, ms: Date.now() - started };
          if (status >= 200 && status < 300) resolve({ ok: true, details });
          // 4xx other than timeout / rate limit: the receiver refuses this payload; sending again will not help.
          else
            resolve({
              ok: false,
              permanent: status >= 400 && status < 500 && status !== 408 && status !== 429,
              details: { ...details, error: `answered ${status}` },
            });
        });
      },
    );
    // The whole exchange, not each socket read: a receiver trickling bytes cannot hold the job.
    const ms = opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${ms / 1000} s`)), ms);
    req.on('close', () => clearTimeout(timer));
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({
        ok: false,
        permanent: err.code === 'EPRIVATE',
        details: { error: err.message, ms: Date.now() - started },
      }),
    );
    req.end(body);
  });
}
