import { and, eq, like } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { commerceProducts } from './schema.ts';

/** "Brass Desk Lamp (Large)!" → "brass-desk-lamp-large"; accents folded, anything else becomes a dash. */
export function slugify(s: string): string {
  const slug = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 180)
    .replace(/-+$/, '');
  return slug || 'product';
}

/** The slug of the title, or the first free "-2", "-3"… after it. */
export async function freeHandle(db: DbOrTx, workspaceId: string, title: string): Promise<string> {
  const base = slugify(title);
  const rows = await db
    .select({ handle: commerceProducts.handle })
    .from(commerceProducts)
    .where(and(eq(commerceProducts.workspaceId, workspaceId), like(commerceProducts.handle, `${base}%`)));
  const taken = new Set(rows.map((r) => r.handle));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
