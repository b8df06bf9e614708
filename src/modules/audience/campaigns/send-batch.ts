// One batch of a campaign on the wire: render, track, send with bounded concurrency under the account's throttle,
// and decide when the server (not a recipient) is the problem.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../../platform/db/client.ts';
import { type CompiledTemplate, renderCompiled } from '../../../platform/mail/render.ts';
import type { MailTransport, OutgoingMessage, SendResult } from '../../../platform/mail/types.ts';
import type { ResolvedAccount } from '../sending/accounts.ts';
import {
  addTextTracking,
  addTracking,
  liquidVars,
  listUnsubscribeHeaders,
  messageLinks,
} from '../sending/personalise.ts';
import type { JournalSegment, SendJournal } from './journal.ts';
import { blockedAmong } from './recipients-sql.ts';
import type { CampaignRow } from './send-campaign.ts';
import type { Due } from './send-queue.ts';
import { takeTokens } from './throttle.ts';

export type SendLimits = {
  concurrency: number;
  sendTimeoutMs: number;
  maxConsecutiveFailures: number;
  maxFailureRate: number;
  failureWindow: number;
};

export type BatchCtx = {
  db: Db;
  workspaceId: string;
  campaign: CampaignRow;
  account: ResolvedAccount;
  transport: MailTransport;
  journal: SendJournal;
  compiled: CompiledTemplate;
  kit: { publicUrl: string; workspaceId: string; signingKey: string };
  workspaceVars: { name: string; postalAddress: string | null };
  monitor: FailureMonitor;
  opts: SendLimits;
  inflightLate: Set<Promise<unknown>>;
  /** Why the send must pause, once the server looks broken: set by one batch, it stops the one overlapping it too. */
  halt: { reason: string | null };
};

export type BatchOutcome = {
  accepted: { id: string; at: Date; subject: string | null }[];
  failed: { id: string; error: string }[];
  skipped: { id: string; reason: string }[];
  /** The segment holding this batch's 250s; deleted once the fold has committed. */
  segment: JournalSegment;
};

export type BatchRun = {
  /**
   * Settles once every message of the batch has been handed to a sender (or the send halted): only the batch's tail
   * is then in flight, and the next batch may start beside it. Never rejects; `done` carries any error.
   */
  dispatched: Promise<void>;
  /** Settles when every send of the batch has its answer (or timed out). */
  done: Promise<BatchOutcome>;
};

/**
 * One batch: re-check who may still be mailed, send the rest with bounded concurrency under the account's throttle,
 * journal every 250 the moment it is read. The caller starts the next batch once this one is dispatched (a batch's
 * last answers would otherwise leave the connections idle while it waits for them and then for the next batch's
 * queries), and folds the outcome into the database once it is done. Messages not accepted, not refused for good and
 * not blocked simply stay `queued`.
 */
export function startBatch(ctx: BatchCtx, batch: Due[]): BatchRun {
  let markDispatched = () => {};
  const dispatched = new Promise<void>((resolve) => {
    markDispatched = resolve;
  });
  const done = sendBatch(ctx, batch, () => markDispatched());
  done.then(markDispatched, markDispatched);
  return { dispatched, done };
}

async function sendBatch(ctx: BatchCtx, batch: Due[], onDispatched: () => void): Promise<BatchOutcome> {
  const { db, workspaceId, campaign } = ctx;
  const blocked = await blockedAmong(
    db,
    workspaceId,
    batch.map((m) => m.id),
  );
  const toSend = batch.filter((m) => !blocked.has(m.id));
  const segment = ctx.journal.segment();
  const accepted: BatchOutcome['accepted'] = [];
  const failed: BatchOutcome['failed'] = [];
  const halt = (reason: string | null) => {
    ctx.halt.reason ??= reason;
  };
  let next = 0;
  let tokens = 0;

  const sendOne = async (m: Due) => {
    const links = messageLinks(ctx.kit, m.id, m.contact_id);
    const rendered = await renderCompiled(
      ctx.compiled,
      liquidVars({
        contact: {
          id: m.contact_id ?? '',
          email: m.email,
          firstName: m.first_name,
          lastName: m.last_name,
          companyName: m.company_name,
          title: m.title,
          country: m.country,
          language: m.language,
          tags: m.tags ?? [],
          custom: m.custom ?? {},
        },
        workspace: ctx.workspaceVars,
        links,
      }),
    );
    const message: OutgoingMessage = {
      workspaceId,
      messageId: `${m.id}@${ctx.account.domain}`,
      from: { email: ctx.account.fromEmail, name: ctx.account.fromName },
      replyTo: ctx.account.replyTo,
      to: m.email,
      subject: rendered.subject,
      html: addTracking(rendered.html, links, {
        clicks: campaign.track_clicks,
        opens: campaign.track_opens,
        publicUrl: ctx.kit.publicUrl,
      }),
      text: campaign.track_clicks ? addTextTracking(rendered.text, links, ctx.kit.publicUrl) : rendered.text,
      headers: listUnsubscribeHeaders(links.unsubscribeUrl),
    };
    // Where this message's 250 is recorded: its batch's segment, or — once we stopped waiting — the late segment.
    let journal: JournalSegment = segment;
    const sending = ctx.transport.send(message).then(
      (r) => {
        // The 250 is read: record it before anything else can happen to this process.
        if (r.ok) journal.accepted(m.id, Date.now());
        return r;
      },
      (e: unknown): SendResult => ({ ok: false, permanent: false, response: (e as Error).message }),
    );
    const result = await withTimeout(sending, ctx.opts.sendTimeoutMs, () => {
      journal = ctx.journal.late();
    });
    if (result === 'timeout') {
      // It may still be accepted later: it stays `queued`, and its late 250 is folded before anything is retried.
      ctx.inflightLate.add(sending);
      void sending.finally(() => ctx.inflightLate.delete(sending));
      halt(ctx.monitor.transient(`no answer within ${Math.round(ctx.opts.sendTimeoutMs / 1000)} s`));
      return;
    }
    if (result.ok) {
      ctx.monitor.ok();
      accepted.push({ id: m.id, at: new Date(), subject: rendered.subject });
    } else if (result.permanent) {
      failed.push({ id: m.id, error: result.response.slice(0, 1000) });
    } else {
      halt(ctx.monitor.transient(result.response));
    }
  };

  /** The next message to send, after the throttle lets it go; null once none is left or the send halted. */
  const take = async (): Promise<Due | null> => {
    if (ctx.halt.reason) return null;
    if (ctx.account.maxPerMinute && ctx.account.id) {
      while (tokens === 0 && !ctx.halt.reason) {
        const want = Math.min(toSend.length - next, Math.ceil(ctx.account.maxPerMinute / 12));
        if (want <= 0) return null;
        const t = await takeTokens(db, workspaceId, ctx.account.id, ctx.account.maxPerMinute, want);
        tokens += t.granted;
        if (t.granted === 0) await sleep(Math.min(t.waitMs, 5_000));
      }
      if (ctx.halt.reason) return null;
      tokens -= 1;
    }
    return toSend[next++] ?? null;
  };

  const worker = async () => {
    for (let m = await take(); m; m = await take()) {
      try {
        await sendOne(m);
      } catch (e) {
        // A rendering error for one recipient (bad Liquid data) fails that message, not the send.
        failed.push({ id: m.id, error: `could not render: ${(e as Error).message}`.slice(0, 1000) });
      }
    }
    // The first worker to find nothing left marks the batch dispatched; the others' calls change nothing.
    onDispatched();
  };
  await Promise.all(Array.from({ length: Math.min(ctx.opts.concurrency, toSend.length) }, worker));
  return {
    accepted,
    failed,
    skipped: [...blocked].map(([id, reason]) => ({ id, reason })),
    segment,
  };
}

/**
 * Decides when the server, not a recipient, is the problem: N temporary failures in a row, or too large a share of
 * temporary failures among the last sends. A permanent 5xx for one recipient is that recipient's and counts nothing.
 */
export class FailureMonitor {
  private consecutive = 0;
  private window: boolean[] = [];
  constructor(
    private readonly limits: { maxConsecutiveFailures: number; maxFailureRate: number; failureWindow: number },
  ) {}

  ok(): void {
    this.consecutive = 0;
    this.push(false);
  }

  /** Records a temporary failure; returns the pause reason when a limit is crossed. */
  transient(response: string): string | null {
    this.consecutive += 1;
    this.push(true);
    const last = response.replace(/\s+/g, ' ').trim().slice(0, 300);
    if (this.consecutive >= this.limits.maxConsecutiveFailures) {
      return `Paused: the mail server refused or did not answer ${this.consecutive} messages in a row (last answer: "${last}"). Check the sending account, then resume.`;
    }
    const fails = this.window.filter(Boolean).length;
    if (this.window.length >= this.limits.failureWindow && fails / this.window.length > this.limits.maxFailureRate) {
      return `Paused: the mail server refused or did not answer ${fails} of the last ${this.window.length} messages (last answer: "${last}"). Check the sending account, then resume.`;
    }
    return null;
  }

  private push(failed: boolean) {
    this.window.push(failed);
    if (this.window.length > this.limits.failureWindow) this.window.shift();
  }
}

/** `onTimeout` runs inside the timer, before any other callback can see the outcome. */
function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => void): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve('timeout');
    }, ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
