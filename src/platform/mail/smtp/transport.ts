// The bulk SMTP transport: N connections, each pipelining its transactions (RFC 2920). Per connection the client
// writes MAIL FROM, RCPT TO and DATA in one go, waits for the 354, writes the message and its final dot, and goes on
// with the next envelope without waiting for that message's 250; the 250 (or the refusal) settles that message's
// send() when it is read. Messages are built and signed only when a connection takes them, so at most about two per
// connection exist as bytes at any time, and send() calls beyond `queueLimit` wait before they even queue.
import os from 'node:os';
import type { DkimKey, MailTransport, OutgoingMessage, SendResult } from '../types.ts';
import { BuildPool } from './build-pool.ts';
import { type ConnectionOptions, type Reply, SmtpConnection } from './connection.ts';
import type { BodyEncoding } from './mime.ts';
import { createPreparer } from './prepare.ts';

export type PipelinedTransportOptions = {
  /** `smtp://[user:pass@]host[:port][?starttls=auto|required|never&reject_unauthorized=false&ehlo=name]` or smtps://. */
  smtpUrl: string;
  dkim?: DkimKey | null;
  /** Parallel connections (default 4). */
  connections?: number;
  /** Transactions per connection before it is closed and a fresh one opened (default 1,000). */
  messagesPerConnection?: number;
  /** send() calls queued beyond those being sent; more wait for room (default connections × 16). */
  queueLimit?: number;
  connectTimeoutMs?: number;
  replyTimeoutMs?: number;
  encoding?: BodyEncoding;
  /** Tries per message when the connection breaks before its data was written (safe to repeat). Default 3. */
  attempts?: number;
  /**
   * Worker threads that build and sign messages (0: on the calling thread). Default 0; campaigns, which render on
   * the main thread, pass more (see bulkTransportFor).
   */
  buildWorkers?: number;
  /** A connection unused this long is replaced before the next message (default 30 s). */
  idleMs?: number;
};

type Job = { message: OutgoingMessage; done: (r: SendResult) => void; tries: number };

/** Parses the SMTP URL into connection options (credentials percent-decoded). */
export function connectionOptionsFromUrl(
  smtpUrl: string,
  over: Partial<Pick<ConnectionOptions, 'connectTimeoutMs' | 'replyTimeoutMs'>> = {},
): ConnectionOptions {
  const u = new URL(smtpUrl);
  const secure = u.protocol === 'smtps:';
  if (!secure && u.protocol !== 'smtp:') throw new Error(`unsupported SMTP URL scheme ${u.protocol} (smtp: or smtps:)`);
  const q = u.searchParams;
  const starttls = q.get('starttls') ?? 'auto';
  if (starttls !== 'auto' && starttls !== 'required' && starttls !== 'never') {
    throw new Error(`starttls=${starttls}: expected auto, required or never`);
  }
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    starttls,
    rejectUnauthorized: q.get('reject_unauthorized') !== 'false',
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : null,
    name: q.get('ehlo') ?? (os.hostname() || 'localhost'),
    connectTimeoutMs: over.connectTimeoutMs ?? 10_000,
    replyTimeoutMs: over.replyTimeoutMs ?? 60_000,
  };
}

/**
 * Build workers (MIME, DKIM) as many as the cores, up to 4; none on one core. Building and signing is most of a
 * message's CPU, so one worker beside the rendering thread was the bottleneck on two cores: in the campaign bench (20,000
 * messages) it ran 95 % busy while the main thread idled a third of the time, and a second worker took the rate from
 * 974 to 1,134 messages/s.
 */
export function defaultBuildWorkers(): number {
  const cores = os.availableParallelism();
  return cores > 1 ? Math.min(4, cores) : 0;
}

export function createPipelinedTransport(opts: PipelinedTransportOptions): MailTransport {
  const connOpts = connectionOptionsFromUrl(opts.smtpUrl, opts);
  const connections = Math.max(1, opts.connections ?? 4);
  const perConnection = opts.messagesPerConnection ?? 1000;
  const queueLimit = opts.queueLimit ?? connections * 16;
  const attempts = opts.attempts ?? 3;
  const idleMs = opts.idleMs ?? 30_000;
  const encoding = opts.encoding ?? 'auto';
  const prepare = createPreparer({ dkim: opts.dkim ?? null, encoding });
  const pool = opts.buildWorkers ? new BuildPool(opts.buildWorkers, { dkim: opts.dkim ?? null, encoding }) : null;

  const queue: Job[] = [];
  let qHead = 0;
  const roomWaiters: (() => void)[] = [];
  const jobWaiters: ((j: Job | null) => void)[] = [];
  let closed = false;
  const workers: Promise<void>[] = [];

  const queued = () => queue.length - qHead;

  function push(job: Job, front = false): void {
    const w = jobWaiters.shift();
    if (w) {
      w(job);
      return;
    }
    if (front && qHead > 0) queue[--qHead] = job;
    else if (front) queue.unshift(job);
    else queue.push(job);
  }

  function take(): Promise<Job | null> {
    if (queued() > 0) {
      const job = queue[qHead]!;
      queue[qHead++] = undefined as unknown as Job;
      if (qHead > 1024 && qHead * 2 > queue.length) {
        queue.splice(0, qHead);
        qHead = 0;
      }
      roomWaiters.shift()?.();
      return Promise.resolve(job);
    }
    if (closed) return Promise.resolve(null);
    return new Promise((resolve) => jobWaiters.push(resolve));
  }

  async function worker(): Promise<void> {
    let conn: SmtpConnection | null = null;
    let failures = 0;
    let needRset = false;
    for (;;) {
      const job = await take();
      if (!job) break;
      let raw: Buffer;
      try {
        raw = pool ? await pool.build(job.message) : prepare(job.message);
      } catch (e) {
        job.done({ ok: false, permanent: true, response: `message could not be built: ${(e as Error).message}` });
        continue;
      }
      // A connection idle for a while may have been dropped by the server or a NAT without a word: start afresh
      // rather than wait for a reply time-out.
      if (conn && (conn.broken || conn.transactions >= perConnection || Date.now() - conn.lastUsed > idleMs)) {
        void conn.quit();
        conn = null;
      }
      if (!conn) {
        const c = new SmtpConnection(connOpts);
        try {
          await c.open();
          conn = c;
          failures = 0;
          needRset = false;
        } catch (e) {
          c.destroy();
          failures++;
          job.done({ ok: false, permanent: false, response: (e as Error).message });
          // Back off so a dead server is not hammered; other connections keep failing the queue meanwhile.
          await sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
          continue;
        }
      }
      try {
        needRset = await transact(conn, job, raw, needRset);
      } catch (e) {
        // The connection broke before the message's data went out: nothing was delivered, another try is safe.
        conn.destroy();
        conn = null;
        if (job.tries + 1 < attempts && !closed) push({ ...job, tries: job.tries + 1 }, true);
        else job.done({ ok: false, permanent: false, response: (e as Error).message });
      }
    }
    if (conn) await conn.quit();
  }

  /** One transaction; resolves when its data is written (its send() settles at the final reply). */
  async function transact(conn: SmtpConnection, job: Job, raw: Buffer, needRset: boolean): Promise<boolean> {
    conn.transactions++;
    conn.lastUsed = Date.now();
    const from = (job.message.envelopeFrom ?? job.message.from.email).trim();
    const to = job.message.to.trim();
    // The envelope goes into SMTP commands as it is: nothing that could end the line or the path (the header
    // addresses were already checked by the MIME builder; the envelope sender was not).
    if (!ENVELOPE.test(from) || !ENVELOPE.test(to)) {
      job.done({
        ok: false,
        permanent: true,
        response: `invalid envelope address ${JSON.stringify(ENVELOPE.test(from) ? to : from)}`,
      });
      return needRset;
    }
    let mail: Promise<Reply>;
    let rcpt: Promise<Reply>;
    let data: Promise<Reply>;
    if (conn.pipelining) {
      const rset = needRset ? conn.expect('RSET') : null;
      mail = conn.expect('MAIL FROM');
      rcpt = conn.expect('RCPT TO');
      data = conn.expect('DATA');
      rset?.catch(() => {});
      mail.catch(() => {});
      rcpt.catch(() => {});
      data.catch(() => {});
      await conn.write(`${needRset ? 'RSET\r\n' : ''}MAIL FROM:<${from}>\r\nRCPT TO:<${to}>\r\nDATA\r\n`);
    } else {
      if (needRset) await conn.command('RSET');
      mail = conn.command(`MAIL FROM:<${from}>`, 'MAIL FROM');
      const m = await mail;
      rcpt = m.code === 250 ? conn.command(`RCPT TO:<${to}>`, 'RCPT TO') : Promise.resolve(m);
      const r = await rcpt;
      data = r.code === 250 || r.code === 251 ? conn.command('DATA') : Promise.resolve(r);
    }
    const [m, r, d] = [await mail, await rcpt, await data];
    const refused = m.code !== 250 ? m : r.code !== 250 && r.code !== 251 ? r : d.code !== 354 ? d : null;
    if (refused) {
      if (d.code === 354) {
        // A server that took DATA after refusing the recipient wants a message: end it empty, then reset.
        conn.expect('end of empty DATA').catch(() => {});
        await conn.write('.\r\n');
      }
      job.done(failure(refused));
      return true;
    }
    const final = conn.expect('end of DATA');
    final.then(
      (f) => job.done(f.code === 250 ? { ok: true, response: f.text } : failure(f)),
      (e: Error) =>
        job.done({ ok: false, permanent: false, response: `no reply after the message was sent: ${e.message}` }),
    );
    // From here on the message may reach the server: a broken connection settles it through `final` (no retry, which
    // could deliver it twice), never through the worker's requeue.
    await conn.write(raw).catch(() => {});
    if (!conn.pipelining) await final.catch(() => {});
    return false;
  }

  for (let i = 0; i < connections; i++) workers.push(worker());

  return {
    kind: 'smtp',
    async send(message) {
      if (closed) return { ok: false, permanent: false, response: 'transport closed' };
      while (queued() >= queueLimit) await new Promise<void>((r) => roomWaiters.push(r));
      return new Promise<SendResult>((done) => push({ message, done, tries: 0 }));
    },
    async close() {
      closed = true;
      for (const w of jobWaiters.splice(0)) w(null);
      await Promise.all(workers);
      await pool?.close();
    },
  };
}

function failure(r: Reply): SendResult {
  return { ok: false, permanent: r.code >= 500, response: r.text };
}

const ENVELOPE = /^[\x21-\x3b=?-\x7e]+@[\x21-\x3b=?-\x7e]+$/;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
