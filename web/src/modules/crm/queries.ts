import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { List, Member } from '../../lib/types.ts';
import type { CustomField, LifecycleStage, Pipeline } from './types.ts';

// Reference data every CRM page uses: cached for a while, refreshed when settings change them.

export const keys = {
  contacts: ['contacts'] as const,
  contact: (id: string) => ['contacts', 'one', id] as const,
  timeline: (subject: 'contacts' | 'companies', id: string) => ['timeline', subject, id] as const,
  companies: ['companies'] as const,
  company: (id: string) => ['companies', 'one', id] as const,
  customFields: (entity: 'contact' | 'company') => ['custom-fields', entity] as const,
  lifecycleStages: ['lifecycle-stages'] as const,
  members: ['members'] as const,
  pipelines: ['pipelines'] as const,
  deals: ['deals'] as const,
  tasks: ['tasks'] as const,
  views: (entity: string) => ['views', entity] as const,
  imports: ['imports'] as const,
  importJob: (id: string) => ['imports', 'one', id] as const,
  duplicates: ['duplicates'] as const,
};

export function useCustomFields(entity: 'contact' | 'company') {
  return useQuery({
    queryKey: keys.customFields(entity),
    queryFn: () => api.get<List<CustomField>>('/custom-fields', { entity }),
    select: (r) => [...r.data].sort((a, b) => a.position - b.position),
    staleTime: 5 * 60_000,
  });
}

export function useLifecycleStages() {
  return useQuery({
    queryKey: keys.lifecycleStages,
    queryFn: () => api.get<List<LifecycleStage>>('/lifecycle-stages'),
    select: (r) => [...r.data].sort((a, b) => a.position - b.position),
    staleTime: 5 * 60_000,
  });
}

export function useMembers() {
  return useQuery({
    queryKey: keys.members,
    queryFn: () => api.get<List<Member>>('/members'),
    select: (r) => r.data,
    staleTime: 5 * 60_000,
  });
}

export function usePipelines() {
  return useQuery({
    queryKey: keys.pipelines,
    queryFn: () => api.get<List<Pipeline>>('/pipelines'),
    select: (r) => r.data.map((p) => ({ ...p, stages: [...(p.stages ?? [])].sort((a, b) => a.position - b.position) })),
    staleTime: 5 * 60_000,
  });
}
