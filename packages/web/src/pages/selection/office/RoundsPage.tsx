import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Badge, Button, Card, Select, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Round } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { selectionOffice } from '../../../api/selection-office.ts';
import { QueryTable } from '../../../components/QueryState.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { RoundForm } from './RoundForm.tsx';
import { ROUND_STATUS_COLORS, windowWords } from './words.ts';

/** Tag of a round's status (草稿 … 已锁定). */
export function RoundStatusTag({ round }: { round: Round }) {
  const { t } = useTranslation();
  return (
    <Tag color={ROUND_STATUS_COLORS[round.status]} data-testid={`round-status-${round.id}`}>
      {t(`seloff.statuses.${round.status}`)}
    </Tag>
  );
}

/** Whether students can select in the round at this moment (its window, for the default opening). */
export function OpenNowBadge({ round }: { round: Round }) {
  const { t } = useTranslation();
  return (
    <Badge
      status={round.isOpen ? 'processing' : 'default'}
      text={round.isOpen ? t('seloff.isOpen') : t('seloff.isClosed')}
      data-testid={`round-open-${round.id}`}
    />
  );
}

/** 选课轮次: the rounds of a term, with create, edit and delete of drafts. */
export function RoundsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const { current, options } = useTerms();
  const { num, set } = useListParams();
  const termId = num('termId') ?? current?.id;
  const [editing, setEditing] = useState<{ round: Round | null } | null>(null);
  const query = useQuery({
    queryKey: ['sel-rounds', termId],
    queryFn: () => selectionOffice.rounds(termId!),
    enabled: termId != null,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['sel-rounds'] });

  const remove = (r: Round) => {
    modal.confirm({
      title: t('seloff.deleteConfirm', { name: r.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await selectionOffice.deleteRound(r.id);
          message.success(t('seloff.deleted'));
          refresh();
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : t('errors.network'));
          // The confirmation stays open: its button tries again.
          throw e;
        }
      },
    });
  };

  return (
    <Card
      title={t('seloff.rounds')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={termId == null}
          onClick={() => setEditing({ round: null })}
          data-testid="new-round"
        >
          {t('seloff.newRound')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 220 }}
          value={termId}
          options={options}
          onChange={(v) => set({ termId: v })}
          aria-label={t('seloff.term')}
          data-testid="round-term"
        />
      </Space>
      <QueryTable<Round, { items: Round[] }>
        query={query}
        rowKey="id"
        size="middle"
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="table-rounds"
        locale={{ emptyText: t('seloff.noRounds') }}
        onRow={(r) => ({ onClick: () => void navigate(`/selection/rounds/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('seloff.name'),
            render: (_, r) => (
              <Link to={`/selection/rounds/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid={`round-link-${r.id}`}>
                {r.name}
              </Link>
            ),
          },
          { title: t('seloff.mode'), render: (_, r) => t(`seloff.modes.${r.mode}`) },
          { title: t('seloff.window'), render: (_, r) => windowWords(r) },
          { title: t('seloff.status'), render: (_, r) => <RoundStatusTag round={r} /> },
          { title: t('seloff.openNow'), render: (_, r) => <OpenNowBadge round={r} /> },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Space onClick={(e) => e.stopPropagation()}>
                {r.status !== 'locked' && (
                  <Button size="small" onClick={() => setEditing({ round: r })} data-testid={`round-edit-${r.id}`}>
                    {t('common.edit')}
                  </Button>
                )}
                {r.status === 'draft' && (
                  <Button size="small" danger onClick={() => remove(r)} data-testid={`round-delete-${r.id}`}>
                    {t('seloff.deleteRound')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {termId != null && (
        <RoundForm
          open={editing !== null}
          termId={termId}
          round={editing?.round ?? null}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
    </Card>
  );
}
