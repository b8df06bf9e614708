import fs from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendMessagePage } from '../subscriptions/public-kit.ts';
import { checkToken } from '../subscriptions/verify-token.ts';
import { uuidFromBytes } from './deliver-magnet.ts';
import { getMagnetRow } from './magnet-use-cases.ts';
import { recordDownload } from './record-download.ts';
import { attachmentDisposition, magnetPath } from './storage.ts';

/** `/p/d/:token`: the lead magnet download behind a signed, expiring link. */
export const magnetPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;
  app.get(
    '/d/:token',
    {
      schema: { hide: true, params: z.object({ token: z.string().max(3000) }) },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const t = await checkToken(db, req.params.token, 'download');
      if (!t.ok && t.why === 'expired')
        return sendMessagePage(reply, 410, {
          title: 'This download link has expired',
          message: 'Download links work for 7 days. Fill in the form again and we will email you a new link.',
        });
      const submissionId = t.ok ? uuidFromBytes(t.claims.extra) : null;
      const magnet =
        t.ok && submissionId
          ? await getMagnetRow(db, t.claims.workspaceId, t.claims.subjectId).catch(() => null)
          : null;
      const file = magnet && t.ok ? magnetPath(config.dataDir, t.claims.workspaceId, magnet.id) : null;
      if (!t.ok || !magnet || !submissionId || !file || !fs.existsSync(file))
        return sendMessagePage(reply, 404, {
          title: 'This download is not available',
          message:
            'The link may be incomplete, or the file was withdrawn. Try copying the whole address from the email.',
        });
      await recordDownload(db, {
        workspaceId: t.claims.workspaceId,
        magnetId: magnet.id,
        magnetName: magnet.name,
        submissionId,
        userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
      });
      return reply
        .type(magnet.contentType)
        .header('content-disposition', attachmentDisposition(magnet.fileName))
        .header('content-length', String(fs.statSync(file).size))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(fs.createReadStream(file));
    },
  );
};
