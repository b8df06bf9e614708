import type { DbOrTx } from '../../../platform/db/client.ts';
import { type LinkClaims, type LinkPurpose, verifyLink } from '../links.ts';

/**
 * A link's claims, or why not: `expired` (a genuine token past its date: the page says so, 410) or `invalid`
 * (forged, mangled, another purpose: 404). Telling the two apart only helps someone holding a genuine token.
 */
export async function checkToken(
  db: DbOrTx,
  token: string,
  purpose: LinkPurpose,
): Promise<{ ok: true; claims: LinkClaims } | { ok: false; why: 'expired' | 'invalid' }> {
  const claims = await verifyLink(db, token, purpose);
  if (claims) return { ok: true, claims };
  const ignoringExpiry = await verifyLink(db, token, purpose, new Date(0));
  return { ok: false, why: ignoringExpiry ? 'expired' : 'invalid' };
}
