import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Query } from '../../../lib/api.ts';
import type { Channel } from '../types.ts';

export const CONTACT_SORTS = ['-createdAt', 'createdAt', '-updatedAt', 'updatedAt', 'name', '-name'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export type ContactFilters = {
  q: string;
  tags: string[];
  lifecycleStage: string | null;
  ownerId: string | null;
  sourceChannel: Channel | null;
  companyId: string | null;
  sort: ContactSort;
};

export const EMPTY_FILTERS: ContactFilters = {
  q: '',
  tags: [],
  lifecycleStage: null,
  ownerId: null,
  sourceChannel: null,
  companyId: null,
  sort: '-createdAt',
};

const isSort = (v: string | null): v is ContactSort => CONTACT_SORTS.includes(v as ContactSort);

/** The list's filters live in the URL, so a view can be bookmarked, shared and restored with Back. */
export function useContactFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<ContactFilters>(() => {
    const sort = params.get('sort');
    return {
      q: params.get('q') ?? '',
      tags: (params.get('tags') ?? '').split(',').filter(Boolean),
      lifecycleStage: params.get('lifecycleStage'),
      ownerId: params.get('ownerId'),
      sourceChannel: (params.get('sourceChannel') as Channel | null) ?? null,
      companyId: params.get('companyId'),
      sort: isSort(sort) ? sort : '-createdAt',
    };
  }, [params]);

  const setFilters = useCallback(
    (patch: Partial<ContactFilters>) => {
      const next = { ...filters, ...patch };
      setParams(toParams(next), { replace: true });
    },
    [filters, setParams],
  );

  return { filters, setFilters };
}

export function toParams(f: ContactFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.q.trim()) out.q = f.q.trim();
  if (f.tags.length) out.tags = f.tags.join(',');
  if (f.lifecycleStage) out.lifecycleStage = f.lifecycleStage;
  if (f.ownerId) out.ownerId = f.ownerId;
  if (f.sourceChannel) out.sourceChannel = f.sourceChannel;
  if (f.companyId) out.companyId = f.companyId;
  if (f.sort !== '-createdAt') out.sort = f.sort;
  return out;
}

/** The API query of a view (also what a saved view stores). */
export function toQuery(f: ContactFilters): Query {
  return {
    q: f.q.trim() || undefined,
    tags: f.tags,
    lifecycleStage: f.lifecycleStage,
    ownerId: f.ownerId,
    sourceChannel: f.sourceChannel,
    companyId: f.companyId,
    sort: f.sort,
  };
}

export function fromSaved(query: Record<string, unknown>): ContactFilters {
  const str = (k: string) => (typeof query[k] === 'string' && query[k] ? (query[k] as string) : null);
  const tags = query.tags;
  const sort = str('sort');
  return {
    q: str('q') ?? '',
    tags: Array.isArray(tags)
      ? tags.filter((t): t is string => typeof t === 'string')
      : typeof tags === 'string'
        ? tags.split(',').filter(Boolean)
        : [],
    lifecycleStage: str('lifecycleStage'),
    ownerId: str('ownerId'),
    sourceChannel: str('sourceChannel') as Channel | null,
    companyId: str('companyId'),
    sort: isSort(sort) ? sort : '-createdAt',
  };
}

export const hasFilters = (f: ContactFilters): boolean =>
  !!(f.q.trim() || f.tags.length || f.lifecycleStage || f.ownerId || f.sourceChannel || f.companyId);
