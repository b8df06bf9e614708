import type { CalendarStatus } from './schema.ts';

/**
 * The life of a content item: idea → draft → scheduled → published. One step forward or one step back (a draft that
 * turns out to be premature goes back to the ideas); published is final — what went out stays on the record.
 */
const NEXT: Record<CalendarStatus, readonly CalendarStatus[]> = {
  idea: ['draft'],
  draft: ['idea', 'scheduled'],
  scheduled: ['draft', 'published'],
  published: [],
};

export function canMove(from: CalendarStatus, to: CalendarStatus): boolean {
  return from === to || NEXT[from].includes(to);
}

export function allowedNext(from: CalendarStatus): readonly CalendarStatus[] {
  return NEXT[from];
}

/** Scheduled and published content happens on a day; only ideas and drafts may float undated. */
export const needsDate = (s: CalendarStatus): boolean => s === 'scheduled' || s === 'published';
