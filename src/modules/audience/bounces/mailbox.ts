import { and, eq, inArray, lt } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { addJob, defineJob } from '../../../platform/jobs/queue.ts';
import { parseReport } from './parse.ts';
import { type ProcessCounts, processParsedReport } from './record.ts';
import { bounceMailboxes, bounceMailboxSeen } from './schema.ts';

export type MailboxSettings = typeof bounceMailboxes.$inferSelect;
type Connection = Pick<MailboxSettings, 'host' | 'port' | 'secure' | 'username' | 'password' | 'mailbox'>;

/** At most this many messages per run: a mailbox with a backlog is worked through over several runs. */
const BATCH = 200;
/** Larger messages are not bounces worth reading (a DSN with a big attachment returned): marked and skipped. */
const MAX_BYTES = 2 * 1024 * 1024;

function client(c: Connection): ImapFlow {
  return new ImapFlow({
    host: c.host,
    port: c.port,
    secure: c.secure,
    auth: { user: c.username, pass: c.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
}

export type ConnectionTest =
  | { ok: true; mailbox: string; messages: number; unseen: number }
  | { ok: false; error: string };

/** Logs in and looks at the mailbox (nothing is read or changed): for the settings form's "Test connection". */
export async function testMailboxConnection(c: Connection): Promise<ConnectionTest> {
  const imap = client(c);
  imap.on('error', () => undefined);
  try {
    await imap.connect();
    const status = await imap.status(c.mailbox, { messages: true, unseen: true });
    if (!status) return { ok: false, error: `Mailbox "${c.mailbox}" not found` };
    return { ok: true, mailbox: c.mailbox, messages: status.messages ?? 0, unseen: status.unseen ?? 0 };
  } catch (err) {
    return { ok: false, error: describe(err) };
  } finally {
    await imap.logout().catch(() => imap.close());
  }
}

function describe(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { responseText?: string; message?: string; code?: string; authenticationFailed?: boolean };
    if (e.authenticationFailed) return 'Authentication failed: check the user name and password';
    return [e.code, e.responseText ?? e.message].filter(Boolean).join(': ') || 'Connection failed';
  }
  return String(err);
}

export type MailboxRun = ProcessCounts & { fetched: number };

/**
 * Reads the bounce mailbox once: UNSEEN messages, each parsed and recorded (idempotently: a report's own id is its
 * dedupe key, and processed UIDs are remembered under the mailbox's UIDVALIDITY), then marked seen, moved or deleted.
 * The outcome (counts or the error) is kept on the settings row for the UI.
 */
export async function readBounceMailbox(db: Db, workspaceId: string): Promise<MailboxRun | null> {
  const [settings] = await db.select().from(bounceMailboxes).where(eq(bounceMailboxes.workspaceId, workspaceId));
  if (!settings?.enabled) return null;
  const counts: MailboxRun = { fetched: 0, bounces: 0, complaints: 0, ignored: 0, duplicates: 0, suppressed: 0 };
  const imap = client(settings);
  imap.on('error', () => undefined);
  try {
    await imap.connect();
    const lock = await imap.getMailboxLock(settings.mailbox);
    try {
      const mailbox = imap.mailbox;
      if (!mailbox) throw new Error(`Mailbox "${settings.mailbox}" could not be opened`);
      const uidValidity = Number(mailbox.uidValidity);
      if (settings.uidValidity !== uidValidity) {
        // A new UIDVALIDITY means the UIDs we remembered name other messages now.
        await db.delete(bounceMailboxSeen).where(eq(bounceMailboxSeen.workspaceId, workspaceId));
        await db.update(bounceMailboxes).set({ uidValidity }).where(eq(bounceMailboxes.workspaceId, workspaceId));
      }
      const found = (await imap.search({ seen: false }, { uid: true })) || [];
      const uids = [...found].sort((a, b) => a - b).slice(0, BATCH);
      if (uids.length) {
        const done = new Set(
          (
            await db
              .select({ uid: bounceMailboxSeen.uid })
              .from(bounceMailboxSeen)
              .where(
                and(
                  eq(bounceMailboxSeen.workspaceId, workspaceId),
                  eq(bounceMailboxSeen.uidValidity, uidValidity),
                  inArray(bounceMailboxSeen.uid, uids),
                ),
              )
          ).map((r) => r.uid),
        );
        const todo = uids.filter((u) => !done.has(u));
        // Fetch first, then process: imapflow cannot run other commands while a FETCH is being iterated.
        const sources: { uid: number; source: Buffer | null }[] = [];
        if (todo.length) {
          for await (const msg of imap.fetch(
            todo,
            { uid: true, size: true, source: { maxLength: MAX_BYTES } },
            { uid: true },
          )) {
            sources.push({ uid: msg.uid, source: (msg.size ?? 0) > MAX_BYTES ? null : (msg.source ?? null) });
          }
        }
        const processed: number[] = [...done];
        for (const { uid, source } of sources) {
          counts.fetched++;
          if (source) await processParsedReport(db, workspaceId, parseReport(source), 'imap', counts);
          else counts.ignored++;
          await db.insert(bounceMailboxSeen).values({ workspaceId, uidValidity, uid }).onConflictDoNothing();
          processed.push(uid);
        }
        if (processed.length) {
          if (settings.afterProcess === 'delete') await imap.messageDelete(processed, { uid: true });
          else if (settings.afterProcess === 'move' && settings.moveTo) {
            await imap.mailboxCreate(settings.moveTo).catch(() => undefined);
            await imap.messageMove(processed, settings.moveTo, { uid: true });
          } else await imap.messageFlagsAdd(processed, ['\\Seen'], { uid: true });
        }
      }
    } finally {
      lock.release();
    }
    await db
      .delete(bounceMailboxSeen)
      .where(
        and(
          eq(bounceMailboxSeen.workspaceId, workspaceId),
          lt(bounceMailboxSeen.at, new Date(Date.now() - 30 * 86_400_000)),
        ),
      );
    await db
      .update(bounceMailboxes)
      .set({ lastRunAt: new Date(), lastStatus: 'ok', lastError: null, lastCounts: counts })
      .where(eq(bounceMailboxes.workspaceId, workspaceId));
    return counts;
  } catch (err) {
    await db
      .update(bounceMailboxes)
      .set({ lastRunAt: new Date(), lastStatus: 'error', lastError: describe(err).slice(0, 1000), lastCounts: counts })
      .where(eq(bounceMailboxes.workspaceId, workspaceId));
    throw err;
  } finally {
    await imap.logout().catch(() => imap.close());
  }
}

export const readBounceMailboxJob = defineJob({
  name: 'audience.read-bounce-mailbox',
  payload: z.object({ workspaceId: z.string().uuid() }),
  // The next cron tick is the retry; the error is on the settings row for the UI.
  maxAttempts: 1,
  handler: async ({ workspaceId }, ctx) => {
    try {
      await readBounceMailbox(ctx.db, workspaceId);
    } catch (err) {
      ctx.logger.warn({ err, workspaceId }, 'bounce mailbox run failed');
    }
  },
});

/** Cron: one read job per enabled mailbox (job key per workspace, so a slow run is not doubled). */
export const pollBounceMailboxesJob = defineJob({
  name: 'audience.poll-bounce-mailboxes',
  payload: z.object({}),
  handler: async (_payload, ctx) => {
    const rows = await ctx.db
      .select({ workspaceId: bounceMailboxes.workspaceId })
      .from(bounceMailboxes)
      .where(eq(bounceMailboxes.enabled, true));
    for (const r of rows) {
      await addJob(
        ctx.db,
        readBounceMailboxJob,
        { workspaceId: r.workspaceId },
        { jobKey: `bounce-mailbox:${r.workspaceId}` },
      );
    }
  },
});
