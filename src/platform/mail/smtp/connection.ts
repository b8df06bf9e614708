// One SMTP client connection: greeting, EHLO, optional STARTTLS / implicit TLS, AUTH PLAIN or LOGIN, then message
// transactions, pipelined (RFC 2920) when the server offers PIPELINING. Replies arrive in command order, so a FIFO of
// waiters is all the bookkeeping there is.
import net from 'node:net';
import tls from 'node:tls';

export type Reply = { code: number; text: string };

export type ConnectionOptions = {
  host: string;
  port: number;
  /** Implicit TLS (smtps://, usually port 465). */
  secure: boolean;
  /** `auto`: upgrade when offered; `required`: fail without it; `never`: stay in clear text. */
  starttls: 'auto' | 'required' | 'never';
  rejectUnauthorized: boolean;
  auth: { user: string; pass: string } | null;
  /** Our name in EHLO. */
  name: string;
  connectTimeoutMs: number;
  replyTimeoutMs: number;
};

/** A failure of the connection itself (refused, closed, timed out, garbled): nothing said about the recipient. */
export class SmtpConnectionError extends Error {}

/** A reply that ended the session set-up (EHLO, AUTH, STARTTLS refused). */
export class SmtpReplyError extends Error {
  constructor(
    message: string,
    readonly reply: Reply,
  ) {
    super(message);
  }
}

type Waiter = { label: string; resolve: (r: Reply) => void; reject: (e: Error) => void };

export class SmtpConnection {
  private socket: net.Socket | tls.TLSSocket | null = null;
  private waiters: Waiter[] = [];
  private head = 0;
  private pending = '';
  private lines: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private failure: Error | null = null;
  private drainWaiters: (() => void)[] = [];
  extensions = new Map<string, string>();
  /** Transactions started on this connection (for a per-connection limit). */
  transactions = 0;
  /** When the last transaction started (idle connections are replaced rather than trusted). */
  lastUsed = Date.now();

  constructor(private readonly o: ConnectionOptions) {}

  get where(): string {
    return `${this.o.host}:${this.o.port}`;
  }

  get broken(): boolean {
    return this.failure !== null || this.socket === null || this.socket.destroyed;
  }

  get pipelining(): boolean {
    return this.extensions.has('PIPELINING');
  }

  /** Connects and runs the session set-up; rejects with a readable reason. */
  async open(): Promise<void> {
    const socket = await this.connect();
    this.attach(socket);
    const greeting = await this.expect('greeting');
    if (greeting.code !== 220) throw this.setupError('greeted us with', greeting);
    await this.ehlo();
    if (!this.o.secure && this.o.starttls !== 'never' && this.extensions.has('STARTTLS')) {
      const r = await this.command('STARTTLS');
      if (r.code !== 220) throw this.setupError('refused STARTTLS:', r);
      await this.upgrade();
      await this.ehlo();
    } else if (!this.o.secure && this.o.starttls === 'required') {
      throw new SmtpConnectionError(`SMTP server ${this.where} does not offer STARTTLS, and TLS is required`);
    }
    if (this.o.auth) await this.authenticate(this.o.auth);
  }

  /** Writes `data`; resolves once the socket can take more (back-pressure: the buffer never grows unbounded). */
  async write(data: string | Buffer): Promise<void> {
    const s = this.socket;
    if (!s || this.failure) throw this.failure ?? new SmtpConnectionError(`not connected to ${this.where}`);
    if (!s.write(data)) await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** The next reply, in order. */
  expect(label: string): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiters.push({ label, resolve, reject });
      this.arm();
    });
  }

  async command(line: string, label = line.split(' ')[0]!): Promise<Reply> {
    const reply = this.expect(label);
    try {
      await this.write(`${line}\r\n`);
    } catch (e) {
      reply.catch(() => {}); // rejected with the same failure; only one of the two is the caller's
      throw e;
    }
    return reply;
  }

  /** Politely ends the session after the replies still awaited; never throws. */
  async quit(): Promise<void> {
    if (this.broken) return this.destroy();
    const s = this.socket!;
    try {
      await Promise.race([this.command('QUIT'), new Promise((r) => setTimeout(r, 2000).unref())]);
    } catch {
      // The server may close first; the session is over either way.
    }
    if (this.socket === s) this.destroy();
  }

  destroy(reason?: Error): void {
    this.fail(reason ?? new SmtpConnectionError(`connection to ${this.where} closed`));
    this.socket?.destroy();
  }

  // --- internals -----------------------------------------------------------------------------------------------

  private connect(): Promise<net.Socket | tls.TLSSocket> {
    const { host, port, secure, connectTimeoutMs } = this.o;
    return new Promise((resolve, reject) => {
      const socket = secure
        ? tls.connect({
            host,
            port,
            servername: net.isIP(host) ? undefined : host,
            rejectUnauthorized: this.o.rejectUnauthorized,
          })
        : net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new SmtpConnectionError(`could not connect to SMTP server ${this.where} within ${connectTimeoutMs / 1000} s`),
        );
      }, connectTimeoutMs);
      const onError = (e: Error) => {
        clearTimeout(timer);
        reject(new SmtpConnectionError(`could not connect to SMTP server ${this.where}: ${e.message}`));
      };
      socket.once('error', onError);
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        socket.setNoDelay(true);
        resolve(socket);
      });
    });
  }

  private attach(socket: net.Socket | tls.TLSSocket): void {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => this.flushDrain());
    socket.on('error', (e) => this.fail(new SmtpConnectionError(`connection to ${this.where} failed: ${e.message}`)));
    socket.on('close', () => {
      if (this.socket === socket) this.fail(new SmtpConnectionError(`SMTP server ${this.where} closed the connection`));
    });
  }

  private async upgrade(): Promise<void> {
    const plain = this.socket!;
    // Anything the server sent after its 220 was sent in clear text: it must not be read as if it came over TLS
    // (the STARTTLS command-injection class of bugs, CVE-2011-0411).
    this.pending = '';
    this.lines = [];
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    plain.removeAllListeners('drain');
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({
        socket: plain,
        servername: net.isIP(this.o.host) ? undefined : this.o.host,
        rejectUnauthorized: this.o.rejectUnauthorized,
      });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new SmtpConnectionError(`TLS handshake with ${this.where} did not finish`));
      }, this.o.connectTimeoutMs);
      s.once('secureConnect', () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once('error', (e) => {
        clearTimeout(timer);
        reject(new SmtpConnectionError(`TLS with ${this.where} failed: ${e.message}`));
      });
    });
    this.attach(secure);
  }

  private async ehlo(): Promise<void> {
    let r = await this.command(`EHLO ${this.o.name}`);
    if (r.code !== 250) {
      r = await this.command(`HELO ${this.o.name}`);
      if (r.code !== 250) throw this.setupError('refused EHLO and HELO:', r);
    }
    this.extensions.clear();
    for (const line of r.text.split('\n').slice(1)) {
      const [kw, ...rest] = line.slice(4).trim().split(' ');
      if (kw) this.extensions.set(kw.toUpperCase(), rest.join(' '));
    }
  }

  private async authenticate(auth: { user: string; pass: string }): Promise<void> {
    const methods = (this.extensions.get('AUTH') ?? '').toUpperCase().split(' ');
    let r: Reply;
    if (methods.includes('PLAIN') || !methods.includes('LOGIN')) {
      const token = Buffer.from(`\0${auth.user}\0${auth.pass}`, 'utf8').toString('base64');
      r = await this.command(`AUTH PLAIN ${token}`, 'AUTH PLAIN');
    } else {
      r = await this.command('AUTH LOGIN');
      if (r.code === 334) r = await this.command(Buffer.from(auth.user, 'utf8').toString('base64'), 'AUTH LOGIN user');
      if (r.code === 334)
        r = await this.command(Buffer.from(auth.pass, 'utf8').toString('base64'), 'AUTH LOGIN password');
    }
    if (r.code !== 235) throw this.setupError(`refused the login of ${auth.user}:`, r);
  }

  private setupError(what: string, r: Reply): Error {
    const e = new SmtpReplyError(`SMTP server ${this.where} ${what} ${r.text.replace(/\r?\n/g, ' ')}`, r);
    this.destroy(e);
    return e;
  }

  private onData(chunk: Buffer): void {
    this.pending += chunk.toString('latin1');
    let nl = this.pending.indexOf('\n');
    if (nl < 0) {
      if (this.pending.length > 64 * 1024)
        this.destroy(new SmtpConnectionError(`SMTP server ${this.where} sent a line too long`));
      return;
    }
    let start = 0;
    while (nl >= 0) {
      const line = this.pending.slice(start, this.pending.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      start = nl + 1;
      this.onLine(line);
      nl = this.pending.indexOf('\n', start);
    }
    this.pending = this.pending.slice(start);
  }

  private onLine(line: string): void {
    const code = Number(line.slice(0, 3));
    if (!(code >= 200 && code < 600) || (line.length > 3 && line[3] !== ' ' && line[3] !== '-')) {
      this.destroy(
        new SmtpConnectionError(`SMTP server ${this.where} sent an unreadable reply: ${line.slice(0, 200)}`),
      );
      return;
    }
    this.lines.push(line);
    if (line[3] === '-') return;
    const text = this.lines.length === 1 ? line : this.lines.join('\n');
    this.lines = [];
    const w = this.waiters[this.head];
    if (!w) {
      // 421 "closing" may come unasked; anything else unasked breaks the reply order.
      this.destroy(new SmtpConnectionError(`SMTP server ${this.where} said, unasked: ${text}`));
      return;
    }
    this.waiters[this.head++] = undefined as unknown as Waiter;
    if (this.head > 1024 && this.head * 2 > this.waiters.length) {
      this.waiters = this.waiters.slice(this.head);
      this.head = 0;
    }
    this.arm();
    w.resolve({ code, text });
  }

  /** The reply timer runs while a reply is awaited, and restarts at each reply. */
  private arm(): void {
    if (this.head >= this.waiters.length) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      return;
    }
    if (this.timer) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      const w = this.waiters[this.head];
      const s = this.o.replyTimeoutMs / 1000;
      this.destroy(
        new SmtpConnectionError(
          `SMTP server ${this.where} did not answer within ${s} s (waiting for the reply to ${w?.label ?? '?'})`,
        ),
      );
    }, this.o.replyTimeoutMs);
    this.timer.unref();
  }

  private fail(e: Error): void {
    if (!this.failure) this.failure = e;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const waiting = this.waiters.slice(this.head);
    this.waiters = [];
    this.head = 0;
    for (const w of waiting) w.reject(this.failure);
    this.flushDrain();
  }

  private flushDrain(): void {
    const ws = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of ws) w();
  }
}
