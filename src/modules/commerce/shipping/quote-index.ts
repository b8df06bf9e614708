import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { safeZone } from '../../../platform/time/zones.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import { WorkCalendar } from './calendar.ts';
import type { RateCardDefinition, ServiceKind, ServiceTariff } from './card-types.ts';
import { shippingCarriers, shippingRateCards, shippingRules, shippingServices, shippingSettings } from './schema.ts';
import type { Surcharges } from './tariff.ts';
import { type Place, RemoteIndex, ZoneIndex } from './zone-index.ts';

// Everything a quote needs, per workspace, in memory: active carriers with their active rate card (zones indexed,
// calendars built), adapter carriers, margin and free-shipping rules, the time zone. A quote then runs no SQL for
// tariffs.
//
// Invalidation: every write that changes quotes bumps shipping_settings.version in its own transaction. This process
// drops its copy right after such a commit (forgetQuoteIndex); other processes compare the version at most once per
// CHECK_INTERVAL_MS (one primary-key read, shared by all quotes of that second) and reload when it moved. We chose
// this over LISTEN/NOTIFY: it needs no dedicated connection per process, works behind transaction poolers
// (PgBouncer), and cannot miss a notification during a reconnect; the price is that another process may quote from
// the previous card for up to a second after an import. Quotes record the card version they used, so an order is
// always charged what its customer was shown.

export const CHECK_INTERVAL_MS = 1000;
/** An index no quote asked for in this long is dropped (an agency's idle workspaces do not stay in memory). */
export const IDLE_MS = 10 * 60 * 1000;

export type IndexedService = { id: string; code: string; name: string; kind: ServiceKind; active: boolean };

export type IndexedCard = {
  carrierId: string;
  carrierName: string;
  rateCardId: string;
  version: number;
  def: RateCardDefinition;
  zones: ZoneIndex;
  remote: RemoteIndex;
  calendar: WorkCalendar;
  /** Services the card prices, joined with their rows (id, current name, active). */
  services: { tariff: ServiceTariff; service: IndexedService; surcharges: Omit<Surcharges, 'remoteMinor'> }[];
};

export type AdapterCarrier = {
  carrierId: string;
  carrierName: string;
  adapter: string;
  config: Record<string, unknown>;
  secret: string | null;
  servicesByCode: Map<string, IndexedService>;
};

export type MarginRule = {
  id: string;
  name: string;
  carrierId: string | null;
  serviceId: string | null;
  countries: string[];
  currency: string | null;
  percent: number;
  fixedMinor: number;
};
export type FreeShippingRule = {
  id: string;
  name: string;
  carrierId: string | null;
  serviceId: string | null;
  countries: string[];
  currency: string;
  minOrderMinor: number;
};

export type QuoteIndex = {
  workspaceId: string;
  version: number;
  timezone: string;
  defaultCurrency: string;
  cards: IndexedCard[];
  adapters: AdapterCarrier[];
  margins: MarginRule[];
  freeShipping: FreeShippingRule[];
  /** Countries some rate card has a zone in (the widget's country list). */
  countries: string[];
};

type Entry = {
  index: QuoteIndex;
  checkedAt: number;
  usedAt: number;
  checking: Promise<void> | null;
  generation: number;
};
const cache = new Map<string, Entry>();
let sweptAt = 0;

function sweepIdle(now: number) {
  if (now - sweptAt < 60_000) return;
  sweptAt = now;
  for (const [ws, e] of cache) if (now - e.usedAt > IDLE_MS) cache.delete(ws);
}
const generations = new Map<string, number>();
const building = new Map<string, Promise<QuoteIndex>>();

/** Bumps the workspace's version: call inside the transaction of any write that changes quotes. */
export async function bumpQuoteVersion(tx: DbOrTx, workspaceId: string): Promise<void> {
  await tx
    .insert(shippingSettings)
    .values({ workspaceId, version: 1 })
    .onConflictDoUpdate({
      target: shippingSettings.workspaceId,
      set: { version: sql`${shippingSettings.version} + 1`, updatedAt: new Date() },
    });
}

/** Drops this process's copy: call after the transaction that bumped the version committed. */
export function forgetQuoteIndex(workspaceId: string): void {
  cache.delete(workspaceId);
  generations.set(workspaceId, (generations.get(workspaceId) ?? 0) + 1);
}

async function readVersion(db: DbOrTx, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ version: shippingSettings.version })
    .from(shippingSettings)
    .where(eq(shippingSettings.workspaceId, workspaceId));
  return row?.version ?? 0;
}

/** The workspace's index: cached, re-validated against the stored version at most once per CHECK_INTERVAL_MS. */
export async function getQuoteIndex(db: DbOrTx, workspaceId: string, now = Date.now()): Promise<QuoteIndex> {
  sweepIdle(now);
  const entry = cache.get(workspaceId);
  if (entry) entry.usedAt = now;
  if (entry && now - entry.checkedAt < CHECK_INTERVAL_MS) return entry.index;
  if (entry) {
    // One check per interval, whatever the number of quotes waiting on it.
    entry.checking ??= readVersion(db, workspaceId)
      .then(async (v) => {
        if (v !== entry.index.version) await rebuild(db, workspaceId);
        else entry.checkedAt = Date.now();
      })
      .finally(() => {
        entry.checking = null;
      });
    await entry.checking;
    return cache.get(workspaceId)?.index ?? rebuild(db, workspaceId);
  }
  return rebuild(db, workspaceId);
}

function rebuild(db: DbOrTx, workspaceId: string): Promise<QuoteIndex> {
  const pending = building.get(workspaceId);
  if (pending) return pending;
  const generation = generations.get(workspaceId) ?? 0;
  const p = loadQuoteIndex(db, workspaceId)
    .then((index) => {
      // A write committed while this load ran: its result may predate it, so do not keep it.
      if ((generations.get(workspaceId) ?? 0) === generation)
        cache.set(workspaceId, { index, checkedAt: Date.now(), usedAt: Date.now(), checking: null, generation });
      return index;
    })
    .finally(() => building.delete(workspaceId));
  building.set(workspaceId, p);
  return p;
}

/** Reads the workspace's carriers, active cards, services and rules and builds the index (no caching). */
export async function loadQuoteIndex(db: DbOrTx, workspaceId: string): Promise<QuoteIndex> {
  // The version is read first: a change committed during the reads below is then seen as newer next time.
  const version = await readVersion(db, workspaceId);
  const [ws, carriers, services, cards, rules] = await Promise.all([
    getWorkspaceInfo(db, workspaceId),
    db
      .select()
      .from(shippingCarriers)
      .where(
        and(
          eq(shippingCarriers.workspaceId, workspaceId),
          isNull(shippingCarriers.archivedAt),
          eq(shippingCarriers.active, true),
        ),
      ),
    db.select().from(shippingServices).where(eq(shippingServices.workspaceId, workspaceId)),
    db
      .select({
        id: shippingRateCards.id,
        carrierId: shippingRateCards.carrierId,
        version: shippingRateCards.version,
        definition: shippingRateCards.definition,
      })
      .from(shippingRateCards)
      .where(and(eq(shippingRateCards.workspaceId, workspaceId), eq(shippingRateCards.active, true))),
    db
      .select()
      .from(shippingRules)
      .where(and(eq(shippingRules.workspaceId, workspaceId), eq(shippingRules.active, true)))
      .orderBy(shippingRules.createdAt, shippingRules.id),
  ]);
  const servicesOf = (carrierId: string) =>
    new Map(
      services
        .filter((s) => s.carrierId === carrierId)
        .map((s) => [s.code, { id: s.id, code: s.code, name: s.name, kind: s.kind, active: s.active }] as const),
    );
  const indexed: IndexedCard[] = [];
  const adapters: AdapterCarrier[] = [];
  const countries = new Set<string>();
  for (const c of carriers) {
    if (c.kind === 'api') {
      if (c.adapter)
        adapters.push({
          carrierId: c.id,
          carrierName: c.name,
          adapter: c.adapter,
          config: c.adapterConfig ?? {},
          secret: c.adapterSecret,
          servicesByCode: servicesOf(c.id),
        });
      continue;
    }
    const card = cards.find((r) => r.carrierId === c.id);
    if (!card) continue;
    const def = card.definition;
    const byCode = servicesOf(c.id);
    const scoped = <T extends { service: string | null }>(rules: T[], code: string): T | null =>
      rules.find((r) => r.service === code) ?? rules.find((r) => r.service === null) ?? null;
    const zones = new ZoneIndex(def.zones);
    for (const code of zones.countryCodes) countries.add(code);
    indexed.push({
      carrierId: c.id,
      carrierName: c.name,
      rateCardId: card.id,
      version: card.version,
      def,
      zones,
      remote: new RemoteIndex(def.remote),
      calendar: new WorkCalendar(def.workingDays, def.holidays),
      services: def.services.flatMap((tariff) => {
        const service = byCode.get(tariff.code);
        // A service removed since the import is not quoted (the import creates every service it prices).
        if (!service) return [];
        return [
          {
            tariff,
            service,
            surcharges: {
              fuel: scoped(def.fuel, tariff.code),
              cod: scoped(def.cod, tariff.code),
              oversize: scoped(def.oversize, tariff.code),
            },
          },
        ];
      }),
    });
  }
  return {
    workspaceId,
    version,
    timezone: safeZone(ws?.timezone),
    defaultCurrency: ws?.defaultCurrency ?? 'EUR',
    cards: indexed,
    adapters,
    margins: rules
      .filter((r) => r.kind === 'margin')
      .map((r) => ({
        id: r.id,
        name: r.name,
        carrierId: r.carrierId,
        serviceId: r.serviceId,
        countries: r.countries,
        currency: r.currency,
        percent: r.percent ?? 0,
        fixedMinor: r.fixedMinor ?? 0,
      })),
    freeShipping: rules
      .filter((r) => r.kind === 'free_shipping' && r.currency && r.minOrderMinor !== null)
      .map((r) => ({
        id: r.id,
        name: r.name,
        carrierId: r.carrierId,
        serviceId: r.serviceId,
        countries: r.countries,
        currency: r.currency!,
        minOrderMinor: r.minOrderMinor!,
      })),
    countries: [...countries].sort(),
  };
}

export type { Place };
