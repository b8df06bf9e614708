import { and, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/ids.ts';
import type { ServiceKind } from './card-types.ts';
import { decodeOptions } from './quote-codec.ts';
import { shippingQuotes } from './schema.ts';

/** The option an order takes, as its customer was shown it (the contract with the orders area). */
export type ChosenShipping = {
  quoteId: string;
  optionId: string;
  carrierId: string;
  carrierName: string;
  serviceId: string;
  serviceName: string;
  serviceKind: ServiceKind;
  priceMinor: number;
  currency: string;
  breakdown: { code: string; label: string; amountMinor: number }[];
  eta: { earliest: string; latest: string };
  /** The rate card version that priced it (null for carrier-API options): versions are kept for this. */
  rateCardId: string | null;
  rateCardVersion: number | null;
};

/**
 * Reads a stored quote's option. Idempotent: the same quote may be taken again (a retried order create). An unknown
 * or expired quote, or an option it does not have, is a validation error naming `shipping.quoteId` /
 * `shipping.optionId`.
 */
export async function takeQuotedOption(
  db: DbOrTx,
  {
    workspaceId,
    quoteId,
    optionId,
    now = new Date(),
  }: { workspaceId: string; quoteId: string; optionId: string; now?: Date },
): Promise<ChosenShipping> {
  const unknown = AppError.validation([
    {
      field: 'shipping.quoteId',
      message: 'is not a quote of this workspace, or it expired (quotes last 7 days): quote again',
    },
  ]);
  if (!isUuid(quoteId)) throw unknown;
  const [quote] = await db
    .select({ options: shippingQuotes.options })
    .from(shippingQuotes)
    .where(
      and(
        eq(shippingQuotes.workspaceId, workspaceId),
        eq(shippingQuotes.id, quoteId),
        gt(shippingQuotes.expiresAt, now),
      ),
    );
  if (!quote) throw unknown;
  const o = decodeOptions(quote.options).find((x) => x.id === optionId);
  if (!o) throw AppError.validation([{ field: 'shipping.optionId', message: `the quote has no option "${optionId}"` }]);
  return {
    quoteId,
    optionId,
    carrierId: o.carrierId,
    carrierName: o.carrierName,
    serviceId: o.serviceId,
    serviceName: o.serviceName,
    serviceKind: o.serviceKind,
    priceMinor: o.priceMinor,
    currency: o.currency,
    breakdown: o.breakdown,
    eta: { earliest: o.eta.earliest, latest: o.eta.latest },
    rateCardId: o.rateCardId,
    rateCardVersion: o.rateCardVersion,
  };
}
