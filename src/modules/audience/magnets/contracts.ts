import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max);

export const MAX_MAGNET_BYTES = 50 * 1024 * 1024;

export const ZLeadMagnet = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    description: z.string().nullable(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    emailSubject: z.string().nullable(),
    emailMessage: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'LeadMagnet' });
export type TLeadMagnet = z.infer<typeof ZLeadMagnet>;

/** The multipart form of an upload; the handler streams the file, so the parts are read there. */
export const ZLeadMagnetUploadForm = z
  .object({
    name: text(200).optional().describe('Defaults to the file name'),
    description: text(2000).optional(),
    file: z.string().meta({ format: 'binary' }).describe('The file (PDF, EPUB, ZIP, images, office documents…)'),
  })
  // The multipart plugin leaves the body empty (the handler streams the parts), so validation must let it through.
  .nullish();

export const ZLeadMagnetFields = z.object({
  name: text(200).min(1).optional(),
  description: text(2000).optional(),
});

export const ZLeadMagnetUpdate = z
  .object({
    name: text(200).min(1).optional(),
    description: text(2000).nullish(),
    emailSubject: text(300).nullish().describe('Delivery email subject (Liquid); null: the built-in wording'),
    emailMessage: text(5000)
      .nullish()
      .describe('Delivery email text (Liquid; the download button follows it); null: the built-in wording'),
  })
  .meta({ id: 'LeadMagnetUpdate' });
export type TLeadMagnetUpdate = z.infer<typeof ZLeadMagnetUpdate>;
