import { Button, Group, Select, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLayoutKanban, IconPlus, IconSettings } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, PageLoader, QueryError } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { notifyError } from '../../../lib/errors.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Page } from '../../../lib/types.ts';
import { keys, useMembers, usePipelines } from '../queries.ts';
import type { Company, Contact, Deal, StageKind } from '../types.ts';
import { Board, type MoveRequest } from './board.tsx';
import { DealFormModal } from './deal-form-modal.tsx';
import { ReasonModal } from './reason-modal.tsx';

type PendingClose = { move: MoveRequest; resolve: (ok: boolean) => void };

export function DealsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const pipelines = usePipelines();
  const members = useMembers();
  const [creating, createModal] = useDisclosure(false);
  const [editing, setEditing] = useState<Deal | null>(null);
  const [pending, setPending] = useState<PendingClose | null>(null);
  const pendingRef = useRef<PendingClose | null>(null);

  const pipeline =
    pipelines.data?.find((p) => p.id === params.get('pipeline')) ??
    pipelines.data?.find((p) => p.isDefault) ??
    pipelines.data?.[0];

  const dealsKey = [...keys.deals, 'board', pipeline?.id];
  const deals = useQuery({
    queryKey: dealsKey,
    queryFn: () => api.get<Page<Deal>>('/deals', { pipelineId: pipeline?.id, sort: 'board', limit: 500 }),
    enabled: !!pipeline,
    select: (r) => r.data,
  });

  const move = useMutation({
    mutationFn: ({ move: m, reason }: { move: MoveRequest; reason?: string }) =>
      api.patch<Deal>(`/deals/${m.dealId}/move`, {
        stageId: m.stage.id,
        afterId: m.afterId,
        beforeId: m.beforeId,
        reason,
      }),
    meta: { silentError: true },
    onSuccess: (updated) => {
      // Put the moved deal in place at once; the refetch confirms the server's order.
      qc.setQueryData<Page<Deal>>(dealsKey, (old) =>
        old ? { ...old, data: old.data.map((d) => (d.id === updated.id ? updated : d)) } : old,
      );
      void qc.invalidateQueries({ queryKey: keys.deals });
    },
  });

  const doMove = async (m: MoveRequest, reason?: string): Promise<boolean> => {
    try {
      await move.mutateAsync({ move: m, ...(reason ? { reason } : {}) });
      return true;
    } catch (err) {
      notifyError(err, t('deals.moveFailed'));
      return false;
    }
  };

  const onMove = (m: MoveRequest): Promise<boolean> => {
    const current = deals.data?.find((d) => d.id === m.dealId);
    const closing = m.stage.kind !== 'open' && current?.stageId !== m.stage.id;
    if (!closing) return doMove(m);
    return new Promise<boolean>((resolve) => {
      const p = { move: m, resolve };
      pendingRef.current = p;
      setPending(p);
    });
  };

  const closePending = async (reason: string | null) => {
    const p = pendingRef.current;
    pendingRef.current = null;
    setPending(null);
    if (!p) return;
    if (reason === null) return p.resolve(false);
    p.resolve(await doMove(p.move, reason));
  };

  const openTotals = new Map<string, number>();
  for (const d of deals.data ?? [])
    if (d.status === 'open') openTotals.set(d.currency, (openTotals.get(d.currency) ?? 0) + d.amountMinor);

  const labelsFor = (d: Deal | null) => {
    if (!d) return {};
    const c = d.contactId ? qc.getQueryData<Contact>(keys.contact(d.contactId)) : undefined;
    const co = d.companyId ? qc.getQueryData<Company>(keys.company(d.companyId)) : undefined;
    return { ...(c ? { contactLabel: c.name } : {}), ...(co ? { companyLabel: co.name } : {}) };
  };

  const pendingDeal = pending ? deals.data?.find((d) => d.id === pending.move.dealId) : undefined;

  return (
    <>
      <PageHeader
        title={t('deals.title')}
        description={
          openTotals.size
            ? t('deals.openValue', {
                value: [...openTotals.entries()].map(([c, v]) => f.money(v, c)).join(' + '),
              })
            : t('deals.subtitle')
        }
        actions={
          <>
            {pipelines.data && pipelines.data.length > 1 && (
              <Select
                aria-label={t('deals.pipeline')}
                data={pipelines.data.map((p) => ({ value: p.id, label: p.name }))}
                value={pipeline?.id ?? null}
                onChange={(v) => v && setParams({ pipeline: v })}
                allowDeselect={false}
                w={200}
              />
            )}
            <Button
              component={Link}
              to="/settings/pipelines"
              variant="default"
              leftSection={<IconSettings size={16} />}
            >
              {t('deals.editStages')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} disabled={!pipeline}>
              {t('deals.new')}
            </Button>
          </>
        }
      />
      {pipelines.isPending || (pipeline && deals.isPending) ? (
        <PageLoader />
      ) : pipelines.isError ? (
        <QueryError error={pipelines.error} onRetry={() => pipelines.refetch()} />
      ) : !pipeline ? (
        <EmptyState
          icon={<IconLayoutKanban size={28} />}
          title={t('deals.noPipeline')}
          description={t('deals.noPipelineHint')}
        >
          <Button component={Link} to="/settings/pipelines">
            {t('deals.createPipeline')}
          </Button>
        </EmptyState>
      ) : deals.isError ? (
        <QueryError error={deals.error} onRetry={() => deals.refetch()} />
      ) : (
        <>
          {deals.data?.length === 0 && (
            <Group mb="md">
              <Text size="sm" c="dimmed">
                {t('deals.emptyHint')}
              </Text>
            </Group>
          )}
          <Board
            pipeline={pipeline}
            deals={deals.data ?? []}
            members={members.data ?? []}
            onMove={onMove}
            onOpen={setEditing}
          />
        </>
      )}
      <DealFormModal key="new" opened={creating} onClose={createModal.close} pipeline={pipeline} />
      {editing && (
        <DealFormModal
          key={editing.id}
          opened
          onClose={() => setEditing(null)}
          pipeline={pipeline}
          deal={editing}
          defaults={labelsFor(editing)}
        />
      )}
      <ReasonModal
        opened={!!pending}
        kind={(pending?.move.stage.kind ?? 'won') as StageKind}
        dealTitle={pendingDeal?.title ?? ''}
        onSubmit={(r) => void closePending(r)}
        onCancel={() => void closePending(null)}
      />
    </>
  );
}
