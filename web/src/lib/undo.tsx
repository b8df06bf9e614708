import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n/index.ts';

/** A success message with an Undo button, for actions the API can reverse (merges). */
export function notifyWithUndo(message: string, undo: () => Promise<unknown>): void {
  const id = notifications.show({
    color: 'teal',
    autoClose: 10_000,
    withBorder: true,
    message: (
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{message}</Text>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => {
            notifications.hide(id);
            void undo();
          }}
        >
          {i18n.t('common.undo')}
        </Button>
      </Group>
    ),
  });
}
