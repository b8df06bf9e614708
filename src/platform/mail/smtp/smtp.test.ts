import crypto from 'node:crypto';
import net from 'node:net';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestSmtp } from '../test-smtp.ts';
import type { OutgoingMessage } from '../types.ts';
import { createDkimSigner, relaxedBody } from './dkim.ts';
import { buildMessage, quotedPrintable, serialize, sevenBitPart } from './mime.ts';
import { dataBytes, stuffedBytes } from './prepare.ts';
import { connectionOptionsFromUrl, createPipelinedTransport } from './transport.ts';

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const dkim = {
  domainName: 'shop.example',
  keySelector: 'fh1',
  privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};
const dnsKey = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const resolver = async (name: string, type: string) => {
  if (type === 'TXT' && name === 'fh1._domainkey.shop.example') return [[`v=DKIM1; k=rsa; p=${dnsKey}`]];
  throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
};

function message(i: number, over: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    workspaceId: 'w',
    messageId: `m${i}.${crypto.randomUUID()}@shop.example`,
    from: { email: 'news@shop.example', name: 'Shop News' },
    to: `r${i}@example.org`,
    subject: `Hello ${i}`,
    html: `<p>Dear reader ${i}, <a href="https://example.com/x?a=1&amp;b=2">read</a></p>`,
    text: `Dear reader ${i}, read https://example.com/x?a=1&b=2`,
    headers: {
      'List-Unsubscribe': `<https://freehold.example/p/u/token${i}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    ...over,
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function smtpServer(opts: Parameters<typeof startTestSmtp>[0] = {}) {
  const s = await startTestSmtp(opts);
  cleanups.push(s.close);
  return s;
}

function transport(o: Parameters<typeof createPipelinedTransport>[0]) {
  const t = createPipelinedTransport(o);
  cleanups.push(() => t.close());
  return t;
}

describe('MIME builder', () => {
  it('quoted-printable keeps lines ≤ 76, escapes = and non-ASCII, never ends a line in white space', () => {
    const src = `${'a'.repeat(200)}\nnaïve = café  \n${'é'.repeat(60)}\r\nend\t`;
    const qp = quotedPrintable(src);
    for (const line of qp.split('\r\n')) {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(line).not.toMatch(/[ \t]$/);
    }
    expect(qp).toContain('na=C3=AFve =3D caf=C3=A9 =20');
    expect(qp.endsWith('end=09')).toBe(true);
    expect(/[^\x20-\x7e\r\n]/.test(qp)).toBe(false);
  });

  it('writes folded header lines under 998 octets and CRLF everywhere', () => {
    const built = buildMessage(message(1, { subject: `Word ${'x'.repeat(1500)} ${'ü'.repeat(300)}` }));
    const raw = serialize(built).toString('latin1');
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
  });

  it('dot-stuffs lines that start with "." and ends the data with CRLF . CRLF', () => {
    const out = stuffedBytes('.a\r\nb\r\n.\r\n..c\r\n').toString();
    expect(out).toBe('..a\r\nb\r\n..\r\n...c\r\n.\r\n');
    expect(stuffedBytes('x').toString()).toBe('x\r\n.\r\n');
  });

  it('relaxed body canonicalisation', () => {
    expect(relaxedBody('a  b \t\r\nc\r\n\r\n\r\n')).toBe('a b\r\nc\r\n');
    expect(relaxedBody('a\r\n')).toBe('a\r\n');
  });

  it('the relaxed body made while encoding equals the canonicalisation of the encoded body', () => {
    const pieces = [
      'a',
      ' ',
      '  ',
      '\t',
      'é',
      '=',
      '.',
      '\n',
      '\r\n',
      '\n.',
      '.\r\n',
      'x'.repeat(80),
      ' \n',
      '🎉',
      '<p>  x</p>',
    ];
    for (let round = 0; round < 200; round++) {
      let text = '';
      let html = '';
      for (let i = 0; i < 60; i++) {
        text += pieces[(round * 7 + i * 13) % pieces.length];
        html += pieces[(round * 11 + i * 5 + (i >> 2)) % pieces.length];
      }
      for (const encoding of ['auto', 'quoted-printable', 'base64'] as const) {
        const b = buildMessage(message(round, { text, html }), { encoding });
        expect(relaxedBody(b.relaxedBody!)).toBe(relaxedBody(b.body));
        // The DATA bytes are the serialised message with every line-leading dot doubled, then the terminator.
        const stuffed = serialize(b, ['X-Pre: 1']).toString('latin1').replace(/^\./gm, '..');
        expect(dataBytes(b, ['X-Pre: 1']).toString('latin1')).toBe(`${stuffed}.\r\n`);
      }
    }
  });

  it('sends a part as it is (7bit) only when it is ASCII in lines of at most 998 octets', () => {
    expect(sevenBitPart('<p>a</p>\r\n<p>b</p>')).toEqual({
      cte: '7bit',
      encoded: '<p>a</p>\r\n<p>b</p>',
      relaxed: '<p>a</p>\r\n<p>b</p>',
    });
    // Bare LF and bare CR become CRLF; white space the relaxed form would change is reflected in `relaxed` only.
    expect(sevenBitPart('a\nb\rc  d \r\n')).toEqual({
      cte: '7bit',
      encoded: 'a\r\nb\r\nc  d \r\n',
      relaxed: 'a\r\nb\r\nc d\r\n',
    });
    expect(sevenBitPart('caf\u00e9')).toBeNull();
    expect(sevenBitPart('nul \u0000 byte')).toBeNull();
    expect(sevenBitPart(`${'x'.repeat(998)}\r\nshort`)?.cte).toBe('7bit');
    expect(sevenBitPart(`short\r\n${'x'.repeat(999)}`)).toBeNull();
    expect(sevenBitPart(`${'x'.repeat(999)}\r\nshort`)).toBeNull();

    const ascii = buildMessage(message(4, { html: '<p>plain</p>', text: 'plain' }));
    expect(ascii.body.match(/Content-Transfer-Encoding: (\S+)/g)).toEqual([
      'Content-Transfer-Encoding: 7bit',
      'Content-Transfer-Encoding: 7bit',
    ]);
    const mixed = buildMessage(message(5, { html: `<p>${'y'.repeat(1200)}</p>`, text: 'Grüße' }));
    expect(mixed.body.match(/Content-Transfer-Encoding: (\S+)/g)).toEqual([
      'Content-Transfer-Encoding: quoted-printable',
      'Content-Transfer-Encoding: quoted-printable',
    ]);
    const single = buildMessage(message(6, { html: '', text: 'only text' }));
    expect(single.headers).toContainEqual(['Content-Transfer-Encoding', '7bit']);
  });

  it('the 7bit check agrees with the rules on random parts', () => {
    const pieces = ['a', ' ', '  ', '\t', '\r\n', '\n', '\r', ' \r\n', 'é', '\u0000', '\u0007', 'x'.repeat(400), '.'];
    let seven = 0;
    for (let round = 0; round < 3000; round++) {
      let s = '';
      for (let i = 0; i < 12; i++) s += pieces[(round * 31 + i * 17 + ((round * i) >> 3)) % pieces.length];
      const p = sevenBitPart(s);
      const normal = s.replace(/\r\n|\r|\n/g, '\r\n');
      const allowed =
        !s.includes('\u0000') && !/[\u0080-\uffff]/.test(s) && normal.split('\r\n').every((l) => l.length <= 998);
      if (!p) {
        // Refused only when the rules refuse it, or (conservatively) when a bare CR cuts a line counted whole.
        expect(!allowed || /\r(?!\n)/.test(s)).toBe(true);
        continue;
      }
      seven++;
      expect(allowed).toBe(true);
      expect(p.encoded).toBe(normal);
      expect(p.relaxed).toBe(normal.replace(/[ \t]+(?=\r\n|$)/g, '').replace(/[ \t]+/g, ' '));
    }
    expect(seven).toBeGreaterThan(100);
  });

  it('7bit bodies with indentation and runs of white space round-trip and verify', async () => {
    const html = '<table>\n    <tr>\n      <td>Two  spaces\tand a tab   </td>\n    </tr>\n</table>\n.dot-first {}\n';
    const built = buildMessage(message(7, { html, text: 'plain   text  ' }));
    const raw = dataBytes(built, [createDkimSigner(dkim).sign(built)]);
    expect(raw.toString('latin1')).toContain('\r\n..dot-first');
    const data = raw.subarray(0, raw.length - 3);
    const unstuffed = Buffer.from(data.toString('latin1').replace(/\r\n\.\./g, '\r\n.'), 'latin1');
    expect((await dkimVerify(unstuffed, { resolver })).results[0]?.status.result).toBe('pass');
    const parsed = await simpleParser(unstuffed);
    expect(parsed.html).toBe(html);
    expect(parsed.text).toBe('plain   text  ');
  });

  it('base64 bodies round-trip and verify', async () => {
    const built = buildMessage(message(3, { html: '<p>Grüße  aus Köln</p>', text: 'Grüße  aus Köln' }), {
      encoding: 'base64',
    });
    const raw = serialize(built, [createDkimSigner(dkim).sign(built)]);
    expect((await dkimVerify(raw, { resolver })).results[0]?.status.result).toBe('pass');
    const parsed = await simpleParser(raw);
    expect(parsed.html).toContain('<p>Grüße  aus Köln</p>');
    expect(parsed.text?.trim()).toBe('Grüße  aus Köln');
  });

  it('the signature verifies even when the body has runs of white space', async () => {
    const built = buildMessage(message(2, { text: 'two  spaces\tand a tab', html: '' }));
    const raw = serialize(built, [createDkimSigner(dkim).sign(built)]);
    const verdict = await dkimVerify(raw, { resolver });
    expect(verdict.results[0]?.status.result).toBe('pass');
  });
});

describe('connectionOptionsFromUrl', () => {
  it('reads TLS mode, credentials and options from the URL', () => {
    const o = connectionOptionsFromUrl('smtps://us%40er:p%3Ass@mail.example?reject_unauthorized=false&ehlo=me.example');
    expect(o).toMatchObject({
      host: 'mail.example',
      port: 465,
      secure: true,
      auth: { user: 'us@er', pass: 'p:ss' },
      rejectUnauthorized: false,
      name: 'me.example',
    });
    expect(connectionOptionsFromUrl('smtp://h:2525?starttls=never')).toMatchObject({ port: 2525, starttls: 'never' });
    expect(() => connectionOptionsFromUrl('http://h')).toThrow(/scheme/);
  });
});

describe('createPipelinedTransport', () => {
  it.each([0, 2])(
    'delivers many messages over several connections, each exactly once, signed (%i build workers)',
    async (buildWorkers) => {
      const smtp = await smtpServer();
      const t = transport({ smtpUrl: smtp.url, dkim, connections: 4, messagesPerConnection: 50, buildWorkers });
      const n = 300;
      const results = await Promise.all(Array.from({ length: n }, (_, i) => t.send(message(i))));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(smtp.received).toHaveLength(n);
      const recipients = smtp.received.map((m) => m.to.join(',')).sort();
      expect(new Set(recipients).size).toBe(n);
      expect(recipients).toEqual(Array.from({ length: n }, (_, i) => `r${i}@example.org`).sort());
      for (const m of smtp.received.slice(0, 5)) {
        const verdict = await dkimVerify(m.raw, { resolver });
        expect(verdict.results[0]?.status.result).toBe('pass');
        expect(m.raw.replace(/\r\n /g, ' ')).toMatch(
          /^DKIM-Signature: .*h=from:to:subject:date:message-id:mime-version:content-type:list-unsubscribe:list-unsubscribe-post;/m,
        );
      }
    },
  );

  it('round-trips non-ASCII subjects and names, and a body line starting with "."', async () => {
    const smtp = await smtpServer();
    const t = transport({ smtpUrl: smtp.url, dkim, connections: 1 });
    const subject = 'Ünïcödé 🎉 — grüße aus Köln, ça va? Ελληνικά και 日本語のテキストが長く続きます';
    const text = `.leading dot\n..two dots\nline\n.\nend`;
    const r = await t.send(
      message(1, { subject, from: { email: 'news@shop.example', name: 'Café "Zoë" & Co' }, text, html: '' }),
    );
    expect(r).toMatchObject({ ok: true });
    const parsed = await smtp.parse(smtp.received[0]!);
    expect(parsed.subject).toBe(subject);
    expect(parsed.from?.value[0]).toEqual({ name: 'Café "Zoë" & Co', address: 'news@shop.example' });
    expect(parsed.text?.trimEnd()).toBe(text);
    const verdict = await dkimVerify(smtp.received[0]!.raw, { resolver });
    expect(verdict.results[0]?.status.result).toBe('pass');
    // multipart/alternative with both parts
    const both = await t.send(message(2, { html: '<p>ß</p>', text: 'ß' }));
    expect(both.ok).toBe(true);
    const p2 = await smtp.parse(smtp.received[1]!);
    expect(p2.html).toContain('<p>ß</p>');
    expect(p2.text?.trim()).toBe('ß');
  });

  it('a 5xx on RCPT fails that message only, permanently; the others go through', async () => {
    const smtp = await smtpServer({ onRcpt: (to) => (to === 'r3@example.org' ? '550 5.1.1 no such user' : null) });
    const t = transport({ smtpUrl: smtp.url, connections: 2 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => t.send(message(i))));
    expect(results[3]).toMatchObject({ ok: false, permanent: true });
    expect((results[3] as { response: string }).response).toMatch(/^550/);
    expect(results.filter((r) => r.ok)).toHaveLength(7);
    expect(smtp.received.map((m) => m.to[0]).sort()).not.toContain('r3@example.org');
    expect(smtp.received).toHaveLength(7);
  });

  it('a 4xx after DATA is a temporary failure of that message', async () => {
    let calls = 0;
    const smtp = await smtpServer({ onData: () => (calls++ === 0 ? '451 4.3.0 try later' : null) });
    const t = transport({ smtpUrl: smtp.url, connections: 1 });
    const a = await t.send(message(1));
    const b = await t.send(message(2));
    expect(a).toMatchObject({ ok: false, permanent: false });
    expect(b.ok).toBe(true);
  });

  it('a server that stops answering gives a timeout error, not a hang', async () => {
    const silent = net.createServer((s) => {
      s.write('220 hello\r\n');
      s.on('data', () => {}); // reads everything, answers nothing
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => silent.close(() => r())));
    const port = (silent.address() as net.AddressInfo).port;
    const t = transport({ smtpUrl: `smtp://127.0.0.1:${port}`, connections: 1, replyTimeoutMs: 300 });
    const started = Date.now();
    const r = await t.send(message(1));
    expect(r).toMatchObject({ ok: false, permanent: false });
    expect((r as { response: string }).response).toMatch(
      /did not answer within 0.3 s \(waiting for the reply to EHLO\)/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a refused connection is a readable temporary failure', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const t = transport({ smtpUrl: `smtp://127.0.0.1:${port}`, connections: 1 });
    const r = await t.send(message(1));
    expect(r).toMatchObject({ ok: false, permanent: false });
    expect((r as { response: string }).response).toMatch(
      /could not connect to SMTP server 127.0.0.1:\d+: .*ECONNREFUSED/,
    );
  });

  it('logs in with AUTH PLAIN and LOGIN from the URL', async () => {
    for (const method of ['PLAIN', 'LOGIN']) {
      const logins: string[] = [];
      const smtp = await smtpServer({
        authOptional: false,
        authMethods: [method],
        allowInsecureAuth: true,
        onAuth(auth, _session, cb) {
          logins.push(`${auth.method}:${auth.username}:${auth.password}`);
          if (auth.password !== 'sécret:1') return cb(new Error('bad password'));
          cb(null, { user: auth.username });
        },
      });
      const t = transport({ smtpUrl: `smtp://bulk%40shop:s%C3%A9cret%3A1@127.0.0.1:${smtp.port}`, connections: 1 });
      const okr = await t.send(message(1));
      expect(okr, JSON.stringify(okr)).toMatchObject({ ok: true });
      expect(logins).toEqual([`${method}:bulk@shop:sécret:1`]);
      const bad = transport({ smtpUrl: `smtp://bulk:wrong@127.0.0.1:${smtp.port}`, connections: 1 });
      const r = await bad.send(message(2));
      expect(r).toMatchObject({ ok: false, permanent: false });
      expect((r as { response: string }).response).toMatch(/refused the login of bulk: 535/);
    }
  });

  it('pipelines MAIL, RCPT and DATA without waiting for each reply (RFC 2920)', async () => {
    // A scripted server that answers MAIL FROM only after 100 ms: a pipelining client has sent RCPT and DATA by then.
    const seenBeforeMailReply: string[] = [];
    const server = net.createServer((s) => {
      let buf = '';
      let inData = false;
      let mailAnswered = true;
      s.write('220 scripted\r\n');
      s.on('data', (d) => {
        buf += d.toString('latin1');
        for (let nl = buf.indexOf('\r\n'); nl >= 0; nl = buf.indexOf('\r\n')) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              s.write('250 queued\r\n');
            }
            continue;
          }
          if (!mailAnswered) seenBeforeMailReply.push(line.split(':')[0]!);
          if (line.startsWith('EHLO')) s.write('250-scripted\r\n250 PIPELINING\r\n');
          else if (line.startsWith('MAIL')) {
            mailAnswered = false;
            setTimeout(() => {
              mailAnswered = true;
              s.write('250 ok\r\n250 ok\r\n354 go\r\n');
              inData = true;
            }, 100);
          } else if (line.startsWith('QUIT')) s.end('221 bye\r\n');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const t = transport({ smtpUrl: `smtp://127.0.0.1:${(server.address() as net.AddressInfo).port}`, connections: 1 });
    expect(await t.send(message(1))).toMatchObject({ ok: true, response: '250 queued' });
    expect(seenBeforeMailReply).toEqual(['RCPT TO', 'DATA']);
  });

  it('upgrades with STARTTLS when offered, and speaks implicit TLS for smtps://', async () => {
    const sessions: boolean[] = [];
    const onMailFrom = (_a: unknown, session: { secure: boolean }, cb: () => void) => {
      sessions.push(session.secure);
      cb();
    };
    const starttls = await smtpServer({ disabledCommands: [], onMailFrom });
    const a = transport({ smtpUrl: `${starttls.url}?reject_unauthorized=false`, connections: 1 });
    expect((await a.send(message(1))).ok).toBe(true);
    const strict = transport({ smtpUrl: starttls.url, connections: 1 });
    const refused = await strict.send(message(2));
    expect(refused).toMatchObject({ ok: false, permanent: false });
    expect((refused as { response: string }).response).toMatch(/TLS with 127.0.0.1:\d+ failed: /);
    const implicit = await smtpServer({ secure: true, onMailFrom });
    const b = transport({
      smtpUrl: `smtps://127.0.0.1:${implicit.port}?reject_unauthorized=false`,
      connections: 1,
    });
    expect((await b.send(message(3))).ok).toBe(true);
    expect(sessions).toEqual([true, true]);
    expect(starttls.received).toHaveLength(1);
    expect(implicit.received).toHaveLength(1);
  });

  it('replaces a connection that sat idle instead of trusting it', async () => {
    let connections = 0;
    const smtp = await smtpServer({
      onConnect(_session, cb) {
        connections++;
        cb();
      },
    });
    const t = transport({ smtpUrl: smtp.url, connections: 1, idleMs: 100 });
    expect((await t.send(message(1))).ok).toBe(true);
    expect((await t.send(message(2))).ok).toBe(true);
    expect(connections).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.send(message(3))).ok).toBe(true);
    expect(connections).toBe(2);
  });

  it('works with a server without PIPELINING', async () => {
    const smtp = await smtpServer({ hidePIPELINING: true });
    const t = transport({ smtpUrl: smtp.url, connections: 2 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => t.send(message(i))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(smtp.received).toHaveLength(20);
  });

  it('a message that cannot be built fails alone, permanently', async () => {
    const smtp = await smtpServer();
    const t = transport({ smtpUrl: smtp.url, connections: 1 });
    const r = await t.send(message(1, { to: 'bad address@example.org' }));
    expect(r).toMatchObject({ ok: false, permanent: true });
    // An envelope sender that would inject a command is refused before it reaches the wire.
    const injected = await t.send(message(3, { envelopeFrom: 'b@x.example>\r\nRCPT TO:<victim@example.org' }));
    expect(injected).toMatchObject({ ok: false, permanent: true });
    expect((await t.send(message(2, { envelopeFrom: 'bounces@shop.example' }))).ok).toBe(true);
    expect(smtp.received.map((m) => [m.from, m.to])).toEqual([['bounces@shop.example', ['r2@example.org']]]);
  });
});
