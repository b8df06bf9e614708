import { ADAPTERS } from './adapters/registry.ts';
import { type AdapterAnswer, type AdapterCommon, AdapterError } from './adapters/types.ts';
import { cutoffMinutes, estimateDelivery, WorkCalendar } from './calendar.ts';
import type { QuoteInput, QuoteWarning, RawOption } from './quote-engine.ts';
import type { QuoteIndex } from './quote-index.ts';

// Carrier APIs have no calendar of ours: parcels leave Monday to Friday, and the API's transit days count from there.
const WEEKDAYS = new WorkCalendar([1, 2, 3, 4, 5], []);

/**
 * Asks every adapter carrier at once, each within its own deadline. A carrier that fails, times out or answers
 * nonsense adds a warning and no options; the quote goes on with the others.
 */
export async function adapterOptions(
  index: QuoteIndex,
  input: QuoteInput,
  destination: { country: string; postcode: string | null; city: string | null; region: string | null },
): Promise<{ options: RawOption[]; warnings: QuoteWarning[] }> {
  const options: RawOption[] = [];
  const warnings: QuoteWarning[] = [];
  await Promise.all(
    index.adapters.map(async (carrier) => {
      const warn = (code: string, message: string) => warnings.push({ code, message, carrierId: carrier.carrierId });
      const adapter = ADAPTERS[carrier.adapter];
      if (!adapter) return warn('carrier_unavailable', `${carrier.carrierName}: no adapter named ${carrier.adapter}`);
      const parsed = adapter.config.safeParse(carrier.config);
      if (!parsed.success) return warn('carrier_unavailable', `${carrier.carrierName}: its settings are incomplete`);
      const config = parsed.data as AdapterCommon;
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new AdapterError(`did not answer within ${config.timeoutMs} ms`, 'timeout'));
        }, config.timeoutMs);
      });
      let answer: AdapterAnswer;
      try {
        // The race also covers an adapter that ignores its abort signal.
        answer = await Promise.race([
          adapter.quote(parsed.data as never, carrier.secret, {
            destination,
            parcels: input.parcels,
            currency: input.currency,
            cashOnDeliveryMinor: input.cashOnDeliveryMinor,
            signal: controller.signal,
          }),
          deadline,
        ]);
      } catch (err) {
        const msg = err instanceof AdapterError ? err.message : `failed: ${(err as Error).message}`;
        return warn(
          err instanceof AdapterError && err.code === 'timeout' ? 'carrier_timeout' : 'carrier_unavailable',
          `${carrier.carrierName}: ${msg}`,
        );
      } finally {
        clearTimeout(timer);
      }
      for (const m of answer.messages) warn('carrier_message', `${carrier.carrierName}: ${m}`);
      let fellBack = false;
      for (const rate of answer.rates) {
        const service = carrier.servicesByCode.get(rate.serviceCode);
        if (service && !service.active) continue;
        const transit = rate.transitDays ?? config.fallbackTransitDays;
        if (!rate.transitDays) fellBack = true;
        options.push({
          source: 'carrier_api',
          carrierId: carrier.carrierId,
          carrierName: carrier.carrierName,
          serviceId: service?.id ?? `${carrier.adapter}:${rate.serviceCode}`,
          serviceName: service?.name ?? rate.serviceName,
          serviceKind: service?.kind ?? 'home',
          currency: rate.currency,
          lines: [{ code: 'carrier', label: `${adapter.label} rate`, amountMinor: rate.amountMinor }],
          transitDays: transit,
          eta: estimateDelivery(input.now, cutoffMinutes(config.cutoff ?? null), transit, WEEKDAYS),
          rateCardId: null,
          rateCardVersion: null,
          zone: null,
          chargeableWeightGrams: null,
          carrierReference: rate.reference,
        });
      }
      if (fellBack)
        warn(
          'transit_estimated',
          `${carrier.carrierName}: some rates came without a transit time; ${config.fallbackTransitDays.min}–${config.fallbackTransitDays.max} working days are shown`,
        );
    }),
  );
  return { options, warnings };
}
