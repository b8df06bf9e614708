import { renderTemplate } from '../../../platform/mail/render.ts';
import { liquidVars } from '../sending/personalise.ts';
import { SAMPLE_CONTACT } from './mail-contact.ts';
import { previewLinks } from './preview-template.ts';
import { starters } from './starters.ts';

// Starters never change while the server runs: render their gallery thumbnails once.
const cache = new Map<string, Promise<unknown>>();

export type StarterWithHtml = ReturnType<typeof starters>[number] & { html: string };

export function listStarters(publicUrl: string): Promise<StarterWithHtml[]> {
  let hit = cache.get(publicUrl) as Promise<StarterWithHtml[]> | undefined;
  if (!hit) {
    hit = Promise.all(
      starters(publicUrl).map(async (s) => {
        const r = await renderTemplate(
          s,
          liquidVars({
            contact: SAMPLE_CONTACT,
            workspace: { name: 'Your business', postalAddress: '1 Market Street, Springfield' },
            links: previewLinks(publicUrl),
          }),
        );
        return { ...s, html: r.html };
      }),
    );
    hit.catch(() => cache.delete(publicUrl));
    cache.set(publicUrl, hit);
  }
  return hit;
}
