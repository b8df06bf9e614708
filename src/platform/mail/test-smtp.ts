import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; raw: string };

/**
 * A real SMTP server in the test process (smtp-server): tests read exactly what was delivered, raw bytes included,
 * so DKIM and headers are checked as a receiver would.
 */
export async function startTestSmtp(
  opts: {
    onRcpt?: (to: string) => string | null;
    onData?: (n: number) => string | null;
  } & Partial<SMTPServerOptions> = {},
) {
  const received: ReceivedMail[] = [];
  const { onRcpt, onData, ...rest } = opts;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      const refuse = onRcpt?.(address.address);
      if (refuse) {
        const err = Object.assign(new Error(refuse), { responseCode: Number(refuse.slice(0, 3)) || 550 });
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const refuse = onData?.(received.length);
        if (refuse) {
          return cb(Object.assign(new Error(refuse), { responseCode: Number(refuse.slice(0, 3)) || 451 }));
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
    ...rest,
  });
  // A client that drops its connection (a killed sender, a time-out test) makes smtp-server emit 'error'; without a
  // listener that event would crash the test process. Kept, so a test can look at them.
  const errors: Error[] = [];
  server.on('error', (e: Error) => errors.push(e));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    errors,
    parse: (m: ReceivedMail) => simpleParser(m.raw),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
