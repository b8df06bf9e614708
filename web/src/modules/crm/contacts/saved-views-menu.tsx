import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBookmark, IconBookmarkPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { notifySuccess } from '../../../lib/errors.tsx';
import type { List } from '../../../lib/types.ts';
import { keys } from '../queries.ts';
import type { SavedView } from '../types.ts';
import { type ContactFilters, fromSaved, toQuery } from './filters.ts';

export function SavedViewsMenu({
  filters,
  onApply,
}: {
  filters: ContactFilters;
  onApply: (f: ContactFilters) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [naming, nameModal] = useDisclosure(false);
  const [name, setName] = useState('');
  const views = useQuery({
    queryKey: keys.views('contact'),
    queryFn: () => api.get<List<SavedView>>('/views', { entity: 'contact' }),
    select: (r) => r.data,
    retry: false,
  });
  const save = useMutation({
    mutationFn: () => {
      // Saved without empty values, so the view reads cleanly in the API too.
      const query = Object.fromEntries(
        Object.entries(toQuery(filters)).filter(
          ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length),
        ),
      );
      return api.post<SavedView>('/views', { entity: 'contact', name: name.trim(), query });
    },
    onSuccess: async () => {
      nameModal.close();
      setName('');
      notifySuccess(t('views.saved'));
      await qc.invalidateQueries({ queryKey: keys.views('contact') });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/views/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.views('contact') }),
  });

  return (
    <>
      <Menu position="bottom-end" width={260} shadow="md" closeOnItemClick>
        <Menu.Target>
          <Button variant="default" leftSection={<IconBookmark size={16} />}>
            {t('views.title')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('views.list')}</Menu.Label>
          {views.isError && (
            <Text size="xs" c="dimmed" px="sm" py={4}>
              {t('views.unavailable')}
            </Text>
          )}
          {views.data?.length === 0 && (
            <Text size="xs" c="dimmed" px="sm" py={4}>
              {t('views.none')}
            </Text>
          )}
          {views.data?.map((v) => (
            <Menu.Item
              key={v.id}
              onClick={() => onApply(fromSaved(v.query))}
              rightSection={
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="red"
                  aria-label={t('views.delete', { name: v.name })}
                  onClick={(e) => {
                    e.stopPropagation();
                    remove.mutate(v.id);
                  }}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              }
            >
              {v.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconBookmarkPlus size={16} />} onClick={nameModal.open}>
            {t('views.saveCurrent')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={naming} onClose={nameModal.close} title={t('views.saveCurrent')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) save.mutate();
          }}
        >
          <Stack>
            <TextInput
              label={t('views.name')}
              placeholder={t('views.namePlaceholder')}
              data-autofocus
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={nameModal.close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
