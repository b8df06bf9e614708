import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconArrowsJoin } from '@tabler/icons-react';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Contact } from '../types.ts';
import { ContactPicker } from './contact-picker.tsx';
import { useMerge } from './use-merge.ts';

/** Merges another contact into this one: this record stays, the other's emails, phones, tags and timeline move here. */
export function MergeModal({ contact, opened, onClose }: { contact: Contact; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [other, setOther] = useState<Contact | null>(null);
  const merge = useMerge(() => {
    setOther(null);
    onClose();
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('merge.title')} size="lg">
      <Stack>
        <Text size="sm">
          <Trans i18nKey="merge.explain" values={{ name: contact.name }} components={{ b: <b /> }} />
        </Text>
        <ContactPicker
          label={t('merge.other')}
          value={other?.id ?? null}
          excludeId={contact.id}
          onChange={(_id, c) => setOther(c)}
          data-autofocus
        />
        {other && (
          <Alert icon={<IconArrowsJoin size={18} />} color="orange" variant="light">
            <Trans
              i18nKey="merge.preview"
              values={{ other: other.name, keep: contact.name }}
              components={{ b: <b /> }}
            />
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="orange"
            disabled={!other}
            loading={merge.isPending}
            onClick={() => other && merge.mutate({ keepId: contact.id, otherId: other.id, otherName: other.name })}
          >
            {t('merge.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
