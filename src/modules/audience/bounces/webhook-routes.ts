import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceByPublicKey } from '../../identity/index.ts';
import { handlePostmark, handleSesNotification } from './providers.ts';
import { deliverabilitySettings } from './schema.ts';
import { webhookSettingsFor } from './settings.ts';
import { isAwsSnsUrl, type SnsMessage, snsHttpGet, verifySnsMessage } from './sns.ts';

const HOOK_RATE_LIMIT = { max: 1200, timeWindow: '1 minute' };
const BODY_LIMIT = 1024 * 1024;

function sameSecret(a: string, b: string): boolean {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y);
}

/** The token from `?token=` or the password of HTTP basic auth (Postmark puts credentials in the URL). */
function presentedToken(req: FastifyRequest): string | null {
  const q = (req.query as Record<string, unknown> | undefined)?.token;
  if (typeof q === 'string' && q) return q;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i >= 0) return decoded.slice(i + 1);
  }
  return null;
}

/** The workspace a hook URL names, if its token is right; otherwise the reply is sent and null returned. */
async function authorise(req: FastifyRequest, reply: FastifyReply) {
  const { db } = req.server.deps;
  const ws = await workspaceByPublicKey(db, (req.params as { publicKey: string }).publicKey);
  const token = presentedToken(req);
  // Same answer for an unknown workspace and a wrong token.
  if (!ws || !token) {
    await reply.code(401).header('www-authenticate', 'Basic realm="freehold-webhooks"').send({ ok: false });
    return null;
  }
  const settings = await webhookSettingsFor(db, ws.id);
  if (!sameSecret(token, settings.webhookToken)) {
    await reply.code(401).header('www-authenticate', 'Basic realm="freehold-webhooks"').send({ ok: false });
    return null;
  }
  return { workspaceId: ws.id, settings };
}

function jsonBody(body: unknown): Record<string, unknown> | null {
  if (typeof body === 'string') {
    try {
      const v = JSON.parse(body) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

/**
 * Provider webhooks (public, under /p/hooks): Amazon SES through SNS, and Postmark. Each URL carries the workspace's
 * public key and a per-workspace token; SNS messages are also signature-checked unless the workspace turned that off
 * (a server that cannot reach amazonaws.com to fetch the signing certificate).
 */
export const deliverabilityWebhookRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/hooks/ses/:publicKey',
    { schema: { hide: true }, bodyLimit: BODY_LIMIT, config: { rateLimit: HOOK_RATE_LIMIT } },
    async (req, reply) => {
      const auth = await authorise(req, reply);
      if (!auth) return reply;
      const { db, logger } = req.server.deps;
      const body = jsonBody(req.body) as SnsMessage | null;
      if (!body || typeof body.Type !== 'string' || typeof body.Message !== 'string') {
        return reply.code(400).send({ ok: false, error: 'not an SNS message' });
      }
      const headerType = req.headers['x-amz-sns-message-type'];
      if (headerType && headerType !== body.Type)
        return reply.code(400).send({ ok: false, error: 'message type mismatch' });
      let verified = false;
      if (auth.settings.sesVerifySignature) {
        const v = await verifySnsMessage(body);
        if (!v.ok) {
          logger.warn({ workspaceId: auth.workspaceId, reason: v.reason }, 'SNS message refused');
          return reply.code(403).send({ ok: false, error: `signature: ${v.reason}` });
        }
        verified = true;
      }

      if (body.Type === 'SubscriptionConfirmation') {
        // Kept for the UI (a person can open it); confirmed here only when the message was verified as AWS's and
        // the URL is an AWS SNS one — never fetch an arbitrary URL because a request asked.
        let confirmed = false;
        if (verified && isAwsSnsUrl(body.SubscribeURL)) {
          try {
            const res = await snsHttpGet(body.SubscribeURL as string);
            confirmed = res.status === 200;
          } catch (err) {
            logger.warn({ err }, 'SNS subscription confirmation failed');
          }
        }
        await db
          .update(deliverabilitySettings)
          .set({
            sesSubscribeUrl: isAwsSnsUrl(body.SubscribeURL) ? (body.SubscribeURL as string) : null,
            sesTopicArn: body.TopicArn.slice(0, 300),
            sesSubscriptionAt: new Date(),
            sesConfirmed: confirmed,
            updatedAt: new Date(),
          })
          .where(eq(deliverabilitySettings.workspaceId, auth.workspaceId));
        return { ok: true, confirmed };
      }
      if (body.Type === 'UnsubscribeConfirmation') return { ok: true };
      if (body.Type !== 'Notification') return reply.code(400).send({ ok: false, error: `unknown type ${body.Type}` });
      const notification = jsonBody(body.Message);
      if (!notification) return reply.code(400).send({ ok: false, error: 'Message is not a JSON SES notification' });
      return { ok: true, ...(await handleSesNotification(db, auth.workspaceId, notification)) };
    },
  );

  app.post(
    '/hooks/postmark/:publicKey',
    { schema: { hide: true }, bodyLimit: BODY_LIMIT, config: { rateLimit: HOOK_RATE_LIMIT } },
    async (req, reply) => {
      const auth = await authorise(req, reply);
      if (!auth) return reply;
      const body = jsonBody(req.body);
      if (!body) return reply.code(400).send({ ok: false, error: 'expected a JSON object' });
      return { ok: true, ...(await handlePostmark(req.server.deps.db, auth.workspaceId, body)) };
    },
  );
};
