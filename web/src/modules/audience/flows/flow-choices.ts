import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { List, Page } from '../../../lib/types.ts';

type Named = { id: string; name: string };
type Field = { key: string; label: string; type: string };
type Member = { userId: string; name: string; email: string };
type Stage = { key: string; label: string };

const opts = { staleTime: 60_000 };
/** What the panels choose from: lists, forms, templates, segments, fields, people. */
export function useFlowChoices() {
  const lists = useQuery({
    queryKey: ['audience', 'lists', 'choices'],
    queryFn: () => api.get<Page<Named>>('/lists', { limit: 500 }),
    ...opts,
  });
  const forms = useQuery({
    queryKey: ['audience', 'forms', 'choices'],
    queryFn: () => api.get<Page<Named>>('/forms', { limit: 200 }),
    ...opts,
  });
  const templates = useQuery({
    queryKey: ['audience', 'templates', 'choices'],
    queryFn: () => api.get<Page<Named>>('/templates', { limit: 200 }),
    ...opts,
  });
  const segments = useQuery({
    queryKey: ['audience', 'segments', 'choices'],
    queryFn: () => api.get<Page<Named>>('/segments', { limit: 500 }),
    ...opts,
  });
  const fields = useQuery({
    queryKey: ['custom-fields', 'contact'],
    queryFn: () => api.get<List<Field>>('/custom-fields', { entity: 'contact' }),
    ...opts,
  });
  const members = useQuery({ queryKey: ['members'], queryFn: () => api.get<List<Member>>('/members'), ...opts });
  const stages = useQuery({
    queryKey: ['lifecycle-stages'],
    queryFn: () => api.get<List<Stage>>('/lifecycle-stages'),
    ...opts,
  });
  const pick = (q: { data?: { data: Named[] } | undefined }) =>
    (q.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }));
  return {
    lists: pick(lists),
    forms: pick(forms),
    templates: pick(templates),
    segments: pick(segments),
    dateFields: (fields.data?.data ?? [])
      .filter((f) => f.type === 'date')
      .map((f) => ({ value: `custom.${f.key}`, label: f.label })),
    allFields: (fields.data?.data ?? []).map((f) => ({ value: `custom.${f.key}`, label: f.label })),
    members: (members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email })),
    stages: (stages.data?.data ?? []).map((s) => ({ value: s.key, label: s.label })),
  };
}
export type FlowChoices = ReturnType<typeof useFlowChoices>;
