import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FlowStatus } from './types.ts';

const FLOW_STATUS_COLORS: Record<FlowStatus, string> = { draft: 'gray', active: 'green', paused: 'yellow' };

export function FlowStatusBadge({ status }: { status: FlowStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={FLOW_STATUS_COLORS[status]} variant="light">
      {t(`audFlows.status_.${status}`)}
    </Badge>
  );
}
