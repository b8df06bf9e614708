import { and, eq, inArray } from 'drizzle-orm';
import type { Subscriber } from '../../../platform/events/outbox.ts';
import { formSubmissions } from '../forms/schema.ts';
import { contactMailPrefs } from '../schema.ts';

/**
 * A merge makes B's form submissions A's: a confirmation link B received still confirms, now for A. Idempotent.
 */
export const moveSubmissionsOnMerge: Subscriber = {
  name: 'audience.capture.merge',
  handle: async (event, ctx) => {
    const { survivorId, mergedId } = event.payload as { survivorId?: string; mergedId?: string };
    if (!survivorId || !mergedId) return;
    await ctx.db
      .update(formSubmissions)
      .set({ contactId: survivorId })
      .where(and(eq(formSubmissions.workspaceId, event.workspaceId), eq(formSubmissions.contactId, mergedId)));
  },
};

/**
 * Erasure reaches the capture data too: submissions keep only what is not personal (which form, when, the consent
 * text shown, the lists); the address, what was typed, the page, the browser and the IP hash go. Pause settings go.
 */
export const eraseCaptureData: Subscriber = {
  name: 'audience.capture.erase',
  handle: async (event, ctx) => {
    const { contactId, mergedContactIds } = event.payload as { contactId?: string; mergedContactIds?: string[] };
    const ids = [contactId, ...(mergedContactIds ?? [])].filter((x): x is string => typeof x === 'string');
    if (!ids.length) return;
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(formSubmissions)
        .set({ email: 'erased', values: {}, pageUrl: null, referrer: null, utm: {}, userAgent: null, ipHash: null })
        .where(and(eq(formSubmissions.workspaceId, event.workspaceId), inArray(formSubmissions.contactId, ids)));
      await tx
        .delete(contactMailPrefs)
        .where(and(eq(contactMailPrefs.workspaceId, event.workspaceId), inArray(contactMailPrefs.contactId, ids)));
    });
  },
};
