import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { createCompany } from '../companies/company-use-cases.ts';
import { createContact } from '../contacts/create-contact.ts';
import { createDeal } from '../deals/create-deal.ts';
import { listPipelines } from '../deals/get-pipeline.ts';
import { contacts } from '../schema.ts';
import { createTask } from '../tasks/create-task.ts';
import { appendTimeline } from '../timeline.ts';
import { DEALS, DEMO_COMPANIES, FIRST, LAST, NOTES, PHONES, SOURCES, TASKS, TITLES } from './demo-data.ts';

const DEMO_TAG = 'demo';

/** A small deterministic generator, so every demo workspace looks the same (and tests can rely on it). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Fills a workspace with a living CRM: companies from ten countries, contacts from fairs, B2B platforms, forms and a
 * referral partner, notes and calls on their timelines, deals across the pipeline and tasks for today.
 * Refuses to run twice on the same workspace.
 */
export async function loadDemoData({
  db,
  workspaceId,
  actorId,
}: {
  db: Db;
  workspaceId: string;
  actorId: string | null;
}) {
  const [existing] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), sql`${contacts.tags} @> array['demo']::text[]`));
  if (existing?.n) throw new AppError('CONFLICT', 'The demo data is already loaded in this workspace.');
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const now = Date.now();

  const companyIds: { id: string; country: string; website: string }[] = [];
  for (const c of DEMO_COMPANIES) {
    const created = await createCompany({
      db,
      workspaceId,
      actorId,
      input: {
        name: c.name,
        website: c.website,
        industry: c.industry,
        address: { country: c.country, city: c.city },
        tags: [DEMO_TAG],
      },
    });
    companyIds.push({ id: created.id, country: c.country, website: c.website });
  }

  const contactIds: string[] = [];
  for (let i = 0; i < 48; i++) {
    const company = companyIds[i % companyIds.length]!;
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const source = SOURCES[Math.floor(rand() * SOURCES.length)]!;
    const at = new Date(now - Math.floor(rand() * 300) * 86400_000).toISOString();
    const local = `${first}.${last}`
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z.]/g, '');
    const stage = pick([
      'subscriber',
      'lead',
      'lead',
      'prospect',
      'customer',
      'customer',
      'repeat_customer',
      'advocate',
    ]);
    const contact = await createContact({
      db,
      workspaceId,
      actorId,
      input: {
        firstName: first,
        lastName: last,
        emails: [`${local}@${company.website}`],
        phones: [`${PHONES[company.country]}${String(10 + i).slice(-2)}`],
        title: pick(TITLES),
        companyId: company.id,
        address: { country: company.country },
        tags: [DEMO_TAG, ...(rand() < 0.3 ? ['vip'] : []), ...(source.channel === 'trade_show' ? ['fair-lead'] : [])],
        lifecycleStage: stage,
        source: { ...source, at },
        ...(rand() < 0.6
          ? { consent: { email: { status: 'subscribed' as const, lawfulBasis: 'consent', source: source.name } } }
          : {}),
      },
    });
    contactIds.push(contact.id);
    await appendTimeline(db, [
      {
        workspaceId,
        contactId: contact.id,
        companyId: company.id,
        kind: 'note',
        actorId,
        at: new Date(Date.parse(at) + 3600_000),
        data: { body: pick(NOTES) },
      },
      ...(rand() < 0.5
        ? [
            {
              workspaceId,
              contactId: contact.id,
              companyId: company.id,
              kind: 'call',
              actorId,
              at: new Date(Date.parse(at) + 5 * 86400_000),
              data: {
                outcome: pick(['reached', 'voicemail', 'no answer']),
                durationMinutes: 3 + Math.floor(rand() * 20),
              },
            },
          ]
        : []),
    ]);
  }

  const [pipeline] = await listPipelines({ db, workspaceId });
  if (pipeline) {
    for (const [i, d] of DEALS.entries()) {
      const stage = pipeline.stages[Math.min(d.stage, pipeline.stages.length - 1)]!;
      await createDeal({
        db,
        workspaceId,
        actorId,
        input: {
          title: d.title,
          amountMinor: d.amount,
          currency: i % 3 === 0 ? 'USD' : 'EUR',
          pipelineId: pipeline.id,
          stageId: stage.id,
          contactId: contactIds[i * 5]!,
          expectedClose: new Date(now + (i + 1) * 9 * 86400_000).toISOString().slice(0, 10),
          ...(stage.kind === 'won'
            ? { reason: 'Best lead time' }
            : stage.kind === 'lost'
              ? { reason: 'Price too high' }
              : {}),
        },
      });
    }
  }
  for (const [i, t] of TASKS.entries()) {
    await createTask({
      db,
      workspaceId,
      actorId,
      input: {
        title: t.title,
        dueAt: new Date(now + t.dueDays * 86400_000).toISOString(),
        contactId: contactIds[i * 3]!,
        ...(actorId ? { assigneeId: actorId } : {}),
      },
    });
  }
  return {
    companies: companyIds.length,
    contacts: contactIds.length,
    deals: pipeline ? DEALS.length : 0,
    tasks: TASKS.length,
  };
}
