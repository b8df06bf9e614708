import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { notifyError, notifySuccess } from '../../../lib/errors.tsx';
import { notifyWithUndo } from '../../../lib/undo.tsx';
import { keys } from '../queries.ts';
import type { Contact } from '../types.ts';

/** Merge `otherId` into `keepId`; the success message offers an undo (the API keeps the other as a tombstone). */
export function useMerge(onDone?: () => void) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: keys.contacts });
    await qc.invalidateQueries({ queryKey: ['timeline'] });
    await qc.invalidateQueries({ queryKey: keys.duplicates });
  };
  return useMutation({
    mutationFn: ({ keepId, otherId }: { keepId: string; otherId: string; otherName: string }) =>
      api.post<Contact>(`/contacts/${keepId}/merge`, { otherId }),
    onSuccess: async (_r, v) => {
      onDone?.();
      notifyWithUndo(t('merge.done', { name: v.otherName }), async () => {
        try {
          await api.post(`/contacts/${v.keepId}/unmerge`, { otherId: v.otherId });
          notifySuccess(t('merge.undone'));
          await refresh();
        } catch (err) {
          notifyError(err);
        }
      });
      await refresh();
    },
  });
}
