import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { List, Page } from '../../../lib/types.ts';
import type { EmailTemplate, SendingAccount, TemplatePreview, TemplateStarter } from './types.ts';

export const templateKeys = {
  all: ['templates'] as const,
  list: ['templates', 'list'] as const,
  one: (id: string) => ['templates', 'one', id] as const,
  thumb: (id: string, updatedAt: string) => ['templates', 'thumb', id, updatedAt] as const,
  starters: ['template-starters'] as const,
  senders: ['sending-accounts'] as const,
};

export function useTemplates() {
  return useQuery({
    queryKey: templateKeys.list,
    queryFn: () => api.get<Page<EmailTemplate>>('/templates', { limit: 200 }),
  });
}

export function useStarters() {
  return useQuery({
    queryKey: templateKeys.starters,
    queryFn: () => api.get<List<TemplateStarter>>('/template-starters'),
    select: (r) => r.data,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A saved template rendered for the sample contact (gallery thumbnail); cached per version. */
export function useThumbnail(template: EmailTemplate) {
  return useQuery({
    queryKey: templateKeys.thumb(template.id, template.updatedAt),
    queryFn: () => api.post<TemplatePreview>(`/templates/${template.id}/preview`, {}),
    select: (r) => r.html,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function useSendingAccounts() {
  return useQuery({
    queryKey: templateKeys.senders,
    queryFn: () => api.get<List<SendingAccount>>('/sending-accounts'),
    select: (r) => r.data,
  });
}
