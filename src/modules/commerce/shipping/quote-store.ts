import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';

export type QuoteRow = {
  workspaceId: string;
  id: string;
  source: 'api' | 'widget';
  currency: string;
  destination: Record<string, unknown>;
  parcels: unknown[];
  /** The options in their stored form (quote-codec.ts), serialised. */
  storedJson: string;
  createdAt: Date;
  expiresAt: Date;
};

/**
 * Group commit for quotes. Every quote is stored before it is answered (an order may take it a second later, on any
 * node), but one INSERT and commit per quote would make the database the bottleneck of a busy checkout. Quotes that
 * arrive while a write is in flight wait and go together in the next multi-row INSERT; each caller resumes when the
 * statement holding its row committed. At low traffic a batch is a single row, written at once.
 */
class QuoteWriter {
  private pending: { row: QuoteRow; done: (err?: unknown) => void }[] = [];
  private inFlight = 0;
  constructor(
    private readonly db: Db,
    private readonly maxInFlight = 4,
    private readonly maxBatch = 500,
  ) {}

  write(row: QuoteRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, done: (err) => (err ? reject(err) : resolve()) });
      this.pump();
    });
  }

  private pump(): void {
    while (this.pending.length && this.inFlight < this.maxInFlight) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.inFlight++;
      const values = batch.map(
        ({ row: r }) =>
          sql`(${r.workspaceId}::uuid, ${r.id}::uuid, ${r.source}, ${r.currency}, ${JSON.stringify(r.destination)}::jsonb,
            ${JSON.stringify(r.parcels)}::jsonb, ${r.storedJson}::json, ${r.createdAt.toISOString()}::timestamptz,
            ${r.expiresAt.toISOString()}::timestamptz)`,
      );
      this.db
        .execute(sql`insert into shipping_quotes
          (workspace_id, id, source, currency, destination, parcels, options, created_at, expires_at)
          values ${sql.join(values, sql`, `)}`)
        .then(
          () => {
            for (const b of batch) b.done();
          },
          (err: unknown) => {
            for (const b of batch) b.done(err);
          },
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }
}

const writers = new WeakMap<Db, QuoteWriter>();

export function storeQuote(db: Db, row: QuoteRow): Promise<void> {
  let w = writers.get(db);
  if (!w) {
    w = new QuoteWriter(db);
    writers.set(db, w);
  }
  return w.write(row);
}
