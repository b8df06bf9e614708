import crypto from 'node:crypto';

/**
 * Amazon SNS message signatures (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html):
 * the listed fields, each as "Name\nvalue\n" in this order, signed with RSA-SHA1 (SignatureVersion 1) or RSA-SHA256
 * (2) by the certificate at SigningCertURL. Only certificates served over HTTPS by sns.<region>.amazonaws.com are
 * accepted, so nobody can sign with a certificate of their own.
 */
export type SnsMessage = {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion?: string;
  Signature?: string;
  SigningCertURL?: string;
  Subject?: string;
  SubscribeURL?: string;
  Token?: string;
  UnsubscribeURL?: string;
};

const NOTIFICATION_FIELDS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const SUBSCRIPTION_FIELDS = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const;

export function stringToSign(m: SnsMessage): string {
  const fields = m.Type === 'Notification' ? NOTIFICATION_FIELDS : SUBSCRIPTION_FIELDS;
  let out = '';
  for (const f of fields) {
    const v = m[f];
    if (v === undefined || v === null) continue; // Subject is optional
    out += `${f}\n${v}\n`;
  }
  return out;
}

/** True for an https URL on an SNS host of AWS (any region, including China's amazonaws.com.cn). */
export function isAwsSnsUrl(raw: string | undefined, pathEnd?: RegExp): boolean {
  if (!raw) return false;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'https:' || u.port !== '' || u.username || u.password) return false;
    if (!/^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(u.hostname)) return false;
    return pathEnd ? pathEnd.test(u.pathname) : true;
  } catch {
    return false;
  }
}

export type HttpGet = (url: string) => Promise<{ status: number; body: string }>;

const defaultGet: HttpGet = async (url) => {
  const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.text() };
};

let httpGet: HttpGet = defaultGet;

/** Tests replace the network (certificate download, subscription confirmation). */
export function setSnsHttpGet(fn: HttpGet | null): void {
  httpGet = fn ?? defaultGet;
  certs.clear();
}

export function snsHttpGet(url: string): Promise<{ status: number; body: string }> {
  return httpGet(url);
}

const certs = new Map<string, string>();

export type Verification = { ok: true } | { ok: false; reason: string };

export async function verifySnsMessage(m: SnsMessage): Promise<Verification> {
  if (!m.Signature || !m.SigningCertURL) return { ok: false, reason: 'unsigned message' };
  if (!isAwsSnsUrl(m.SigningCertURL, /\.pem$/)) return { ok: false, reason: 'certificate URL is not an AWS SNS URL' };
  const algorithm = m.SignatureVersion === '2' ? 'RSA-SHA256' : m.SignatureVersion === '1' ? 'RSA-SHA1' : null;
  if (!algorithm) return { ok: false, reason: `unknown SignatureVersion ${m.SignatureVersion}` };
  let pem = certs.get(m.SigningCertURL);
  if (!pem) {
    try {
      const res = await httpGet(m.SigningCertURL);
      if (res.status !== 200 || !res.body.includes('BEGIN CERTIFICATE')) {
        return { ok: false, reason: `certificate download failed (HTTP ${res.status})` };
      }
      pem = res.body;
    } catch (err) {
      return { ok: false, reason: `certificate download failed (${(err as Error).message})` };
    }
    if (certs.size > 50) certs.clear();
    certs.set(m.SigningCertURL, pem);
  }
  try {
    const ok = crypto.createVerify(algorithm).update(stringToSign(m), 'utf8').verify(pem, m.Signature, 'base64');
    return ok ? { ok: true } : { ok: false, reason: 'signature does not match' };
  } catch (err) {
    return { ok: false, reason: `signature check failed (${(err as Error).message})` };
  }
}
