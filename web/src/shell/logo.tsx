import { Group, Text } from '@mantine/core';

export function Logo({ size = 28, compact = false }: { size?: number; compact?: boolean }) {
  return (
    <Group gap={8} wrap="nowrap">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="var(--mantine-color-freehold-8)" />
        <path d="M9 24V9h13v3.2h-9.2v3.3h8v3.2h-8V24z" fill="#fff" />
      </svg>
      <Text fw={700} size="lg" style={{ letterSpacing: '-0.01em' }} visibleFrom={compact ? 'sm' : undefined}>
        Freehold
      </Text>
    </Group>
  );
}
