import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../lib/api.ts';
import { notifySuccess } from '../../../lib/errors.tsx';
import { keys } from '../queries.ts';
import type { Contact } from '../types.ts';

/** A privacy erasure cannot be undone: the user types the word to confirm, then lands back on the list. */
export function EraseModal({ contact, opened, onClose }: { contact: Contact; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const word = t('erase.word');
  const erase = useMutation({
    mutationFn: () => api.post(`/contacts/${contact.id}/erase`, {}),
    onSuccess: async () => {
      notifySuccess(t('erase.done'));
      onClose();
      await qc.invalidateQueries({ queryKey: keys.contacts });
      navigate('/contacts');
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('erase.title', { name: contact.name })}>
      <Stack>
        <Alert color="red" icon={<IconAlertTriangle size={18} />}>
          <Text size="sm">{t('erase.explain')}</Text>
        </Alert>
        <TextInput
          label={t('erase.typeToConfirm', { word })}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            disabled={typed.trim().toLowerCase() !== word.toLowerCase()}
            loading={erase.isPending}
            onClick={() => erase.mutate()}
          >
            {t('erase.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
