// `npm run bench -- campaign [--recipients 100000] [--connections 8] [--build-workers 1] [--skip-campaign]`: a campaign to N recipients,
// personalised (Liquid per recipient), tracked (every link rewritten and signed, open pixel) and DKIM-signed
// (rsa-sha256, 2048-bit), sent to Postfix's smtp-sink on loopback. Set beside smtp-source pushing the same number of
// messages of the same size to the same sink in the same run (the machine's floor).
//   (a) transport: the pipelining transport fed by renderCompiled + addTracking per recipient (no database);
//   (b) campaign:  the real send job (runCampaignSend) on a fresh database: recipients materialised from a list of N
//       subscribed contacts, sent through the account's bulk transport, folded back (sent rows, events, timeline).
// Each Freehold run is a child process of its own, so its memory figures are its own; each runs at N/4 and at N to
// show whether memory grows with N. Env: BENCH_DATABASE_URL (create the throw-away database on that server).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createCampaign } from '../src/modules/audience/campaigns/create-campaign.ts';
import { scheduleCampaign } from '../src/modules/audience/campaigns/lifecycle.ts';
import { runCampaignSend } from '../src/modules/audience/campaigns/send-campaign.ts';
import { closeTransports } from '../src/modules/audience/sending/accounts.ts';
import {
  addTextTracking,
  addTracking,
  liquidVars,
  listUnsubscribeHeaders,
  messageLinks,
} from '../src/modules/audience/sending/personalise.ts';
import { setupOwner } from '../src/modules/identity/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createDb } from '../src/platform/db/client.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { nodemailerTransport } from '../src/platform/mail/nodemailer-transport.ts';
import { type CompiledTemplate, compileTemplate, renderCompiled } from '../src/platform/mail/render.ts';
import { createDkimSigner } from '../src/platform/mail/smtp/dkim.ts';
import { buildMessage, serialize } from '../src/platform/mail/smtp/mime.ts';
import { createPipelinedTransport, defaultBuildWorkers } from '../src/platform/mail/smtp/transport.ts';
import type { DkimKey, OutgoingMessage } from '../src/platform/mail/types.ts';
import {
  benchDatabase,
  log,
  machineInfo,
  onCleanup,
  type ResultRow,
  round2,
  runCleanups,
  SERVER_NODE_FLAGS,
  writeResult,
} from './lib/common.ts';
import { BENCH_POSTAL_ADDRESS, benchContact, NEWSLETTER } from './lib/newsletter.ts';
import { requirePostfixTools, runSmtpSource, startSink } from './lib/postfix.ts';
import { signaturesPerSecond, signingCeiling } from './lib/signing.ts';

const PUBLIC_URL = 'https://news.bench.example';
const FROM = { email: 'news@bench.example', name: 'Bench Lighting Co' };
const AIM = 0.4;
/** How much more the heap may hold after a run to N than after a run to N/4 and still count as flat. */
const LIVE_HEAP_SLACK_MB = 5;

type ChildResult = {
  n: number;
  ok: number;
  failed: number;
  seconds: number;
  msgPerS: number;
  rssStartMB: number;
  rssPeakMB: number;
  rssP50MB: number;
  heapPeakMB: number;
  /** Heap in use after a full GC, before the run and after it (its live data; the peak includes garbage). */
  liveHeapStartMB: number;
  liveHeapEndMB: number;
  /** CPU time of the whole process (all threads) per message sent: less sensitive to a busy machine than msg/s. */
  cpuMsPerMsg: number;
  firstFailure: string | null;
  outcome?: string;
};

const argOf = (args: string[], name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const numArg = (args: string[], name: string, d: number) => {
  const v = argOf(args, name);
  return v !== undefined && Number.isFinite(Number(v)) ? Math.floor(Number(v)) : d;
};

// --- per recipient: what a campaign does before the transport --------------------------------------------------------

type Kit = { publicUrl: string; workspaceId: string; signingKey: string };

async function personalised(compiled: CompiledTemplate, kit: Kit, i: number): Promise<OutgoingMessage> {
  const c = benchContact(i);
  const id = crypto.randomUUID();
  const contactId = crypto.randomUUID();
  const links = messageLinks(kit, id, contactId);
  const rendered = await renderCompiled(
    compiled,
    liquidVars({
      contact: { id: contactId, ...c },
      workspace: { name: 'Bench Lighting Co', postalAddress: BENCH_POSTAL_ADDRESS },
      links,
    }),
  );
  return {
    workspaceId: kit.workspaceId,
    messageId: `${id}@bench.example`,
    from: FROM,
    to: c.email,
    subject: rendered.subject,
    html: addTracking(rendered.html, links, { clicks: true, opens: true, publicUrl: kit.publicUrl }),
    text: addTextTracking(rendered.text, links, kit.publicUrl),
    headers: listUnsubscribeHeaders(links.unsubscribeUrl),
  };
}

/** Heap in use after a full collection (children run with --expose-gc). */
function liveHeapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
}

/** RSS every 250 ms while a run lasts. */
function memorySampler() {
  const liveHeapStartMB = liveHeapMB();
  const rss: number[] = [];
  let heapPeak = 0;
  const take = () => {
    const m = process.memoryUsage();
    rss.push(m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  };
  take();
  const t = setInterval(take, 250);
  const cpu0 = process.cpuUsage();
  return {
    stop(sent: number) {
      clearInterval(t);
      take();
      const cpu = process.cpuUsage(cpu0);
      const liveHeapEndMB = liveHeapMB();
      const sorted = [...rss].sort((a, b) => a - b);
      const mb = (x: number) => Math.round((x / 2 ** 20) * 10) / 10;
      return {
        rssStartMB: mb(rss[0]!),
        rssPeakMB: mb(sorted[sorted.length - 1]!),
        rssP50MB: mb(sorted[Math.floor(sorted.length / 2)]!),
        heapPeakMB: mb(heapPeak),
        liveHeapStartMB,
        liveHeapEndMB,
        cpuMsPerMsg: Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, sent)) * 100) / 100,
      };
    },
  };
}

// --- children --------------------------------------------------------------------------------------------------------

async function childTransport(args: string[]): Promise<ChildResult> {
  const n = numArg(args, 'n', 1000);
  const concurrency = numArg(args, 'concurrency', 64);
  const dkim = JSON.parse(fs.readFileSync(argOf(args, 'dkim')!, 'utf8')) as DkimKey;
  const smtpUrl = argOf(args, 'smtp')!;
  const connections = numArg(args, 'connections', 8);
  // `--impl nodemailer`: the same inputs through nodemailer's pooled transport, for ADR 0006's comparison.
  const transport =
    argOf(args, 'impl') === 'nodemailer'
      ? nodemailerTransport(`${smtpUrl}&pool=true&maxConnections=${connections}&maxMessages=1000`, { dkim })
      : createPipelinedTransport({ smtpUrl, dkim, connections, buildWorkers: numArg(args, 'build-workers', 0) });
  const kit = {
    publicUrl: PUBLIC_URL,
    workspaceId: crypto.randomUUID(),
    signingKey: crypto.randomBytes(32).toString('hex'),
  };
  // Compiled as the campaign job compiles it: with link slots, so tracking is a split, not a regex per message.
  const compiled = await compileTemplate(NEWSLETTER, { linkSlots: true, wire: true });
  const mem = memorySampler();
  let next = 0;
  let ok = 0;
  let failed = 0;
  let firstFailure: string | null = null;
  const t0 = performance.now();
  // Like the campaign job: a bounded number of sends in flight, each rendered just before it is handed over.
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const r = await transport.send(await personalised(compiled, kit, i));
        if (r.ok) ok++;
        else {
          failed++;
          firstFailure ??= r.response;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const m = mem.stop(ok);
  await transport.close();
  return { n, ok, failed, seconds, msgPerS: ok / seconds, ...m, firstFailure };
}

async function childCampaign(args: string[]): Promise<ChildResult> {
  const db = createDb(argOf(args, 'db')!, 4);
  const config = loadConfig({ ...process.env, PUBLIC_URL, FREEHOLD_DATA_DIR: argOf(args, 'data')!, SMTP_URL: '' });
  const ref = { workspaceId: argOf(args, 'workspace')!, campaignId: argOf(args, 'campaign')! };
  const mem = memorySampler();
  const t0 = performance.now();
  // The job's own defaults unless the bench is told otherwise (--campaign-batch, --campaign-concurrency).
  const batchSize = numArg(args, 'batch', 0);
  const concurrency = numArg(args, 'concurrency', 0);
  const outcome = await runCampaignSend(db, config, ref, {
    ...(batchSize ? { batchSize } : {}),
    ...(concurrency ? { concurrency } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  await closeTransports();
  const counts = await db.execute<{ status: string; n: number; error: string | null }>(sql`
    select status, count(*)::int as n, min(error) as error from email_messages
    where workspace_id = ${ref.workspaceId} and source_id = ${ref.campaignId} group by status`);
  await db.$client.end();
  const by = Object.fromEntries(counts.rows.map((r) => [r.status, r.n]));
  const ok = by.sent ?? 0;
  const m = mem.stop(ok);
  const n = counts.rows.reduce((a, r) => a + r.n, 0);
  const firstFailure = counts.rows.find((r) => r.status !== 'sent')?.error ?? null;
  return { n, ok, failed: n - ok, seconds, msgPerS: ok / seconds, ...m, firstFailure, outcome };
}

function runChild(mode: 'transport' | 'campaign', args: string[]): Promise<ChildResult> {
  const self = fileURLToPath(import.meta.url);
  // BENCH_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the measured process (workers included).
  const nodeArgs = (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, ...nodeArgs, '--expose-gc', '--import', 'tsx', self, '--child', mode, ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{'))
        return reject(new Error(`${mode} run exited ${code}: ${out.slice(-500)}`));
      resolve(JSON.parse(line) as ChildResult);
    });
  });
}

// --- the database side of (b) ----------------------------------------------------------------------------------------

async function prepareCampaigns(sinkUrl: string, dkim: DkimKey, sizes: number[]) {
  const database = await benchDatabase('campaign');
  log(`database ready (${database.kind})`);
  const db = createDb(database.url, 4);
  onCleanup(async () => db.$client.end());
  await migrate(db, database.url);
  const { user, workspace } = await setupOwner({
    db,
    email: 'owner@bench.example',
    password: 'correct horse battery staple',
    workspace: 'Bench Lighting Co',
  });
  const ws = workspace.id;
  const max = Math.max(...sizes);
  const first = FIRST_SQL;
  await db.execute(sql`insert into audience_settings (workspace_id, signing_key, postal_address)
    values (${ws}, ${crypto.randomBytes(32).toString('hex')}, ${BENCH_POSTAL_ADDRESS})
    on conflict (workspace_id) do update set postal_address = excluded.postal_address`);
  // Contacts as benchContact(i) describes them, made in SQL (seeding is not what is measured).
  await db.execute(sql`insert into contacts (workspace_id, id, first_name, last_name, emails, company_name)
    select ${ws}::uuid, gen_random_uuid(), (${first}::text[])[1 + g % 13], 'Bench', array['r' || g || '@inbox' || (g % 97) || '.bench.example'],
      case when g % 3 = 0 then 'Studio ' || (g % 1000) end
    from generate_series(0, ${max - 1}) g`);
  await db.execute(sql`insert into sending_accounts (workspace_id, id, name, smtp_url, from_email, from_name,
      dkim_domain, dkim_selector, dkim_private_key, is_default)
    values (${ws}, ${crypto.randomUUID()}, 'Bench sink', ${sinkUrl}, ${FROM.email}, ${FROM.name}, ${dkim.domainName},
      ${dkim.keySelector}, ${dkim.privateKey}, true)`);
  const campaigns: { n: number; id: string }[] = [];
  for (const n of sizes) {
    const listId = crypto.randomUUID();
    await db.execute(sql`insert into audience_lists (workspace_id, id, name, double_opt_in)
      values (${ws}, ${listId}, ${`Bench ${n}`}, false)`);
    await db.execute(sql`insert into list_members (workspace_id, list_id, contact_id, status, source, subscribed_at)
      select ${ws}::uuid, ${listId}::uuid, c.id, 'subscribed', 'bench', now()
      from contacts c where c.workspace_id = ${ws}
        and (substring(c.emails[1] from 2 for position('@' in c.emails[1]) - 2))::int < ${n}`);
    const c = await createCampaign({
      db,
      workspaceId: ws,
      actorId: user.id,
      input: {
        name: `Bench ${n}`,
        subject: NEWSLETTER.subject,
        preheader: NEWSLETTER.preheader ?? null,
        mjml: NEWSLETTER.mjml,
        listIds: [listId],
      },
    });
    await scheduleCampaign({ db, workspaceId: ws, id: c.id, input: {} });
    campaigns.push({ n, id: c.id });
  }
  await db.execute(sql`analyze`);
  return { database, workspaceId: ws, campaigns };
}

const FIRST_SQL = `{${['Anna', 'Jan', 'Maria', 'Li', 'Sara', 'José', 'Olga', 'Tom', 'Fatma', 'Ivan', 'Chloé', 'Kenji', 'Zoë'].join(',')}}`;

// --- the orchestrator ------------------------------------------------------------------------------------------------

export async function main(args: string[]): Promise<void> {
  requirePostfixTools();
  const n = numArg(args, 'recipients', 100_000);
  const connections = numArg(args, 'connections', 8);
  const sessions = numArg(args, 'sessions', connections);
  const buildWorkers = numArg(args, 'build-workers', defaultBuildWorkers());
  const skipCampaign = args.includes('--skip-campaign');
  const sizes = [Math.max(1, Math.round(n / 4)), n];
  const tStart = performance.now();

  const sink = await startSink();
  onCleanup(sink.stop);
  log(`smtp-sink on 127.0.0.1:${sink.port}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'freehold-bench-campaign-'));
  onCleanup(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dkim: DkimKey = {
    domainName: 'bench.example',
    keySelector: 'fh2026',
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  const dkimFile = path.join(tmp, 'dkim.json');
  fs.writeFileSync(dkimFile, JSON.stringify(dkim), { mode: 0o600 });

  // The size smtp-source is to send: our average message, signed, as it goes on the wire.
  const compiled = await compileTemplate(NEWSLETTER, { linkSlots: true, wire: true });
  const kit = {
    publicUrl: PUBLIC_URL,
    workspaceId: crypto.randomUUID(),
    signingKey: crypto.randomBytes(32).toString('hex'),
  };
  const signer = createDkimSigner(dkim);
  let bytes = 0;
  const SAMPLE = 200;
  for (let i = 0; i < SAMPLE; i++) {
    const built = buildMessage(await personalised(compiled, kit, i));
    bytes += serialize(built, [signer.sign(built)]).length;
  }
  const size = Math.round(bytes / SAMPLE);
  log(`average message: ${size.toLocaleString('en')} bytes`);

  const smtpUrl = `smtp://127.0.0.1:${sink.port}?starttls=never`;
  const rows: ResultRow[] = [];
  // smtp-source runs right before each Freehold run, with the same count: on a shared machine the load changes by
  // the minute, and each ratio should compare two measurements taken under the same conditions.
  const floors: { count: number; msgPerS: number }[] = [];
  let floorCommand = '';
  const floorRun = async (count: number) => {
    const before = sink.delivered();
    const f = await runSmtpSource({ port: sink.port, count, size, sessions });
    await settle(() => sink.delivered() - before >= count);
    const counted = sink.delivered() - before;
    if (counted !== count) throw new Error(`smtp-sink counted ${counted} of smtp-source's ${count} messages`);
    log(`smtp-source ${count}: ${Math.round(f.msgPerS)} msg/s`);
    floors.push({ count, msgPerS: f.msgPerS });
    if (f.cpuMsPerMsg !== null) log(`  the machine spent ${round2(f.cpuMsPerMsg)} ms of CPU a message on it`);
    floorCommand = f.command.replace(/-m \d+/, '-m N').replace(/:\d+$/, ':<port>');
    return { msgPerS: f.msgPerS, cpuMsPerMsg: f.cpuMsPerMsg };
  };
  // The same-run ceiling (bench/lib/signing.ts): the machine's signing rate, measured right before each Freehold run,
  // and what the sink spent on that run's messages.
  const cores = os.availableParallelism();
  const measured = async <T extends { ok: number }>(run: () => Promise<T>) => {
    const signsBefore = await signaturesPerSecond(dkim.privateKey, cores);
    const before = { delivered: sink.delivered(), cpu: sink.cpuMs() };
    const r = await run();
    await settle(() => sink.delivered() - before.delivered >= r.ok);
    const counted = sink.delivered() - before.delivered;
    const cpu = sink.cpuMs();
    const sinkCpuMsPerMsg = cpu !== null && before.cpu !== null ? (cpu - before.cpu) / Math.max(1, counted) : 0;
    // Measured before and after the run; the faster of the two (a ceiling should not fall with a moment's load).
    const signsPerS = Math.max(signsBefore, await signaturesPerSecond(dkim.privateKey, cores));
    return { r, counted, signsPerS, sinkCpuMsPerMsg };
  };
  const record = (
    what: string,
    count: number,
    m: { r: ChildResult; counted: number; signsPerS: number; sinkCpuMsPerMsg: number },
    f: { msgPerS: number; cpuMsPerMsg: number | null },
  ) => {
    const { r } = m;
    const floor = f.msgPerS;
    const row: ResultRow = {
      run: what,
      recipients: count,
      sent: r.ok,
      failed: r.failed,
      sink_counted: m.counted,
      seconds_s: round2(r.seconds),
      msg_per_s: Math.round(r.msgPerS),
      smtp_source_msg_per_s: Math.round(floor),
      ratio: round2(r.msgPerS / floor),
      rss_start_mb: r.rssStartMB,
      rss_p50_mb: r.rssP50MB,
      rss_peak_mb: r.rssPeakMB,
      heap_peak_mb: r.heapPeakMB,
      live_heap_start_mb: r.liveHeapStartMB,
      live_heap_end_mb: r.liveHeapEndMB,
      cpu_ms_per_msg: r.cpuMsPerMsg,
      rsa_signs_per_s: Math.round(m.signsPerS),
      sink_cpu_ms_per_msg: round2(m.sinkCpuMsPerMsg),
      ceiling_sign_sink: round2(signingCeiling(cores, m.signsPerS, m.sinkCpuMsPerMsg) / floor),
      floor_cpu_ms_per_msg: f.cpuMsPerMsg === null ? 'n/a' : round2(f.cpuMsPerMsg),
      ceiling_sign_floor:
        f.cpuMsPerMsg === null ? 'n/a' : round2(signingCeiling(cores, m.signsPerS, f.cpuMsPerMsg) / floor),
    };
    if (r.firstFailure) log(`  first failure: ${r.firstFailure}`);
    log(JSON.stringify(row));
    rows.push(row);
  };

  for (const count of args.includes('--skip-transport') ? [] : sizes) {
    const floor = await floorRun(count);
    const m = await measured(() =>
      runChild('transport', [
        '--n',
        String(count),
        '--smtp',
        smtpUrl,
        '--dkim',
        dkimFile,
        '--connections',
        String(connections),
        '--build-workers',
        String(buildWorkers),
      ]),
    );
    record('(a) transport: render + track + DKIM + SMTP', count, m, floor);
  }

  const notes: string[] = [];
  let dbInfo: { url: string; kind: 'embedded' | 'external' } | null = null;
  if (!skipCampaign) {
    const prepared = await prepareCampaigns(
      `${smtpUrl}&connections=${connections}&build_workers=${buildWorkers}`,
      dkim,
      sizes,
    );
    dbInfo = prepared.database;
    const dataDir = path.join(tmp, 'data');
    for (const c of prepared.campaigns) {
      const floor = await floorRun(c.n);
      const m = await measured(() =>
        runChild('campaign', [
          '--db',
          prepared.database.url,
          '--workspace',
          prepared.workspaceId,
          '--campaign',
          c.id,
          '--data',
          dataDir,
          '--batch',
          String(numArg(args, 'campaign-batch', 0)),
          '--concurrency',
          String(numArg(args, 'campaign-concurrency', 0)),
        ]),
      );
      record(`(b) campaign send job (${m.r.outcome})`, c.n, m, floor);
    }
    notes.push(
      '(b) is runCampaignSend on a fresh database: materialise N recipients from a list, then batches of 500 (suppression re-check, render, track, sign, send over the account’s bulk transport, fold: sent rows + events + timeline).',
    );
  } else notes.push('(b) skipped (--skip-campaign).');

  const full = rows.filter((r) => r.recipients === n);
  const ratioOf = (prefix: string) => Number(full.find((r) => String(r.run).startsWith(prefix))?.ratio ?? Number.NaN);
  const growth = (prefix: string, column: 'rss_peak_mb' | 'live_heap_end_mb' = 'rss_peak_mb') => {
    const [a, b] = sizes.map((s) => rows.find((r) => r.recipients === s && String(r.run).startsWith(prefix)));
    return a && b ? round2(Number(b[column]) - Number(a[column])) : Number.NaN;
  };
  // "Memory flat" is judged on what the run keeps: the heap in use after a full collection at its end, at N against
  // N/4. The peak RSS also holds garbage not yet collected (V8 lets the old generation grow while it can), so it is
  // reported beside it but does not decide.
  const headlinePrefix = skipCampaign ? '(a)' : '(b)';
  const liveGrowth = growth(headlinePrefix, 'live_heap_end_mb');
  const flat = liveGrowth <= LIVE_HEAP_SLACK_MB;
  const ceilingOf = (prefix: string) =>
    Number(full.find((r) => String(r.run).startsWith(prefix))?.ceiling_sign_floor ?? Number.NaN);
  const headline = skipCampaign ? ratioOf('(a)') : ratioOf('(b)');
  writeResult(n === 100_000 ? 'campaign.json' : `campaign-${n}.json`, {
    name: 'campaign',
    title: `Campaign send, ${n.toLocaleString('en')} recipients to smtp-sink`,
    date: new Date().toISOString(),
    machine: dbInfo ? await machineInfo(dbInfo.url, dbInfo.kind) : machineInfoNoDb(),
    params: {
      recipients: n,
      connections,
      build_workers: buildWorkers,
      smtp_source_sessions: sessions,
      message_bytes: size,
      dkim: 'rsa-sha256 2048-bit, relaxed/relaxed',
      body: 'multipart/alternative: HTML 7bit (wire-ready), text quoted-printable',
    },
    results: rows,
    floor: {
      name: floorCommand,
      runs: floors.length,
      msg_per_s: floors.map((f) => `${Math.round(f.msgPerS)} (${f.count.toLocaleString('en')})`).join(', '),
    },
    ratio: {
      transport: ratioOf('(a)'),
      ...(skipCampaign ? {} : { campaign: ratioOf('(b)') }),
      rss_growth_mb_transport: growth('(a)'),
      ...(skipCampaign ? {} : { rss_growth_mb_campaign: growth('(b)') }),
      live_heap_growth_mb_transport: growth('(a)', 'live_heap_end_mb'),
      ...(skipCampaign ? {} : { live_heap_growth_mb_campaign: growth('(b)', 'live_heap_end_mb') }),
      ceiling_sign_floor: ceilingOf(skipCampaign ? '(a)' : '(b)'),
    },
    aim: `≥ ${AIM} of smtp-source's msg/s at ${n.toLocaleString('en')} recipients, memory flat (live heap after the run at N within ${LIVE_HEAP_SLACK_MB} MB of at N/4)`,
    verdict: `${headline >= AIM && flat ? 'met' : 'not met'} (${skipCampaign ? 'transport' : 'campaign'} ratio ${headline}; live heap after the run ${liveGrowth >= 0 ? '+' : ''}${liveGrowth} MB from N/4 to N)`,
    durationS: round2((performance.now() - tStart) / 1000),
    notes: [
      'smtp-source opens one SMTP session per message (its way); ours keep connections open and pipeline (RFC 2920).',
      'smtp-source runs right before each Freehold run with the same count (same size, same sink); each row’s ratio is to that run.',
      'Every Freehold run is its own child process: RSS start / median / peak are that run’s, sampled every 250 ms.',
      'sink counted: messages smtp-sink accepted during that run (its -c counter).',
      `Ceilings, from what this machine could do in the same run (bench/lib/signing.ts): rsa signs/s is ${cores} threads making RSA-2048 signatures at once for 2 s, right before and right after the run (the faster of the two); sink CPU is what smtp-sink spent per message of that run (/proc); floor CPU is what the whole machine spent per message while smtp-source ran (smtp-source, smtp-sink, the kernel between them, and anything else that ran). ceiling sign+sink: the ratio a sender would reach with all cores busy if one signature per message and the sink's share were all it cost (a hard upper bound). ceiling sign+floor: the same if each message cost one signature on top of everything smtp-source's run cost the machine. Rendering, tracking, MIME, the database and Node come on top of either.`,
      ...notes,
    ],
  });
  await runCleanups();
}

function machineInfoNoDb() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    pg: 'n/a',
    os: `${os.type()} ${os.release()}`,
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
    note:
      process.env.BENCH_MACHINE_NOTE ??
      'shared machine: other engineers were running builds and tests at the same time; compare ratios, not absolute times',
  };
}

/** The sink counts a message after its 250; give its counter a moment to show the last ones. */
async function settle(done: () => boolean): Promise<void> {
  const until = Date.now() + 3000;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

if (process.argv.includes('--child')) {
  const args = process.argv.slice(2);
  const mode = argOf(args, 'child');
  const r = mode === 'campaign' ? await childCampaign(args) : await childTransport(args);
  process.stdout.write(`\n${JSON.stringify(r)}\n`);
  process.exit(0);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv.slice(2));
}
