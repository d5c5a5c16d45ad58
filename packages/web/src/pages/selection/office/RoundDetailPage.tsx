import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Space, Tabs, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Round } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { selectionOffice } from '../../../api/selection-office.ts';
import { QueryView } from '../../../components/QueryState.tsx';
import { BulkTab } from './BulkTab.tsx';
import { ChecksTab } from './ChecksTab.tsx';
import { ClassesTab } from './ClassesTab.tsx';
import { DashboardTab } from './DashboardTab.tsx';
import { DrawModal } from './DrawModal.tsx';
import { OfficeEnrolTab } from './OfficeEnrolTab.tsx';
import { RoundForm } from './RoundForm.tsx';
import { StudentSelectionTab } from './StudentSelectionTab.tsx';
import { OpenNowBadge, RoundStatusTag } from './RoundsPage.tsx';
import { reasonLabel, windowWords } from './words.ts';

/** The seed the server recorded with a drawn round (null before a draw). */
export const recordedSeed = (r: Round): number | null => r.lotterySeed;

/** A round 选课轮次: its settings, actions (draw, prefill, lock), classes, live dashboard and office enrolments. */
export function RoundDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [drawing, setDrawing] = useState(false);
  // The recorded seed as the last draw on this page told it (a first draw records its seed, a re-run uses the recorded one).
  const [drawnSeed, setDrawnSeed] = useState<number | null>(null);
  const query = useQuery({ queryKey: ['sel-round', id], queryFn: () => selectionOffice.round(id) });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['sel-round', id] });
    void qc.invalidateQueries({ queryKey: ['sel-rounds'] });
    void qc.invalidateQueries({ queryKey: ['sel-round-classes', id] });
    void qc.invalidateQueries({ queryKey: ['sel-checks', id] });
  };

  const prefill = () => {
    modal.confirm({
      title: t('seloff.prefill'),
      content: t('seloff.prefillConfirm'),
      onOk: async () => {
        try {
          const r = await selectionOffice.prefill(id);
          const refused = Object.entries(r.refused ?? {}).filter(([, n]) => n > 0);
          modal.success({
            title: t('seloff.prefillDone'),
            content: (
              <div data-testid="prefill-result">
                <div>{t('seloff.prefillCount', { created: r.created, existing: r.existing })}</div>
                {refused.map(([code, n]) => (
                  <div key={code}>{t('seloff.prefillRefused', { reason: reasonLabel(t, code), count: n })}</div>
                ))}
              </div>
            ),
          });
          refresh();
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : t('errors.network'));
          // The confirmation stays open: its button tries again.
          throw e;
        }
      },
    });
  };

  const lock = () => {
    modal.confirm({
      title: t('seloff.lockConfirmTitle'),
      content: t('seloff.lockConfirm'),
      okText: t('seloff.lock'),
      okButtonProps: { danger: true, 'data-testid': 'lock-confirm' } as ButtonProps,
      onOk: async () => {
        try {
          await selectionOffice.lock(id);
          message.success(t('seloff.locked'));
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
    <QueryView query={query}>
      {(round) => {
        const seed = recordedSeed(round) ?? drawnSeed;
        const drawn = round.status === 'drawn' || round.status === 'locked';
        return (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card
              title={
                <Space>
                  <Link to={`/selection/rounds?termId=${round.termId}`} aria-label={t('seloff.back')}>
                    <ArrowLeftOutlined />
                  </Link>
                  <span data-testid="round-title">{round.name}</span>
                  <RoundStatusTag round={round} />
                  <OpenNowBadge round={round} />
                </Space>
              }
              extra={
                <Space wrap>
                  {round.status !== 'locked' && (
                    <Button onClick={() => setEditing(true)} data-testid="round-edit">
                      {t('common.edit')}
                    </Button>
                  )}
                  {round.mode === 'lottery' && round.status !== 'locked' && (
                    <Button onClick={() => setDrawing(true)} disabled={round.isOpen} data-testid="round-draw">
                      {drawn ? t('seloff.redraw') : t('seloff.draw')}
                    </Button>
                  )}
                  {round.status !== 'locked' && (
                    <Button onClick={prefill} data-testid="round-prefill">
                      {t('seloff.prefill')}
                    </Button>
                  )}
                  {round.status !== 'locked' && (
                    <Button danger onClick={lock} data-testid="round-lock">
                      {t('seloff.lock')}
                    </Button>
                  )}
                </Space>
              }
            >
              <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
                <Descriptions.Item label={t('seloff.mode')}>{t(`seloff.modes.${round.mode}`)}</Descriptions.Item>
                <Descriptions.Item label={t('seloff.window')}>
                  <span data-testid="round-window">{windowWords(round)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('seloff.maxCredits')}>{round.creditLimits.maxCredits ?? t('seloff.noLimit')}</Descriptions.Item>
                <Descriptions.Item label={t('seloff.minCredits')}>{round.creditLimits.minCredits ?? t('seloff.noLimit')}</Descriptions.Item>
                <Descriptions.Item label={t('seloff.maxClasses')}>{round.maxClasses ?? t('seloff.noLimit')}</Descriptions.Item>
                <Descriptions.Item label={t('selaudit.minClassSize')}>{round.minClassSize ?? t('selaudit.notChecked')}</Descriptions.Item>
                <Descriptions.Item label={t('seloff.dropsAllowed')}>
                  {round.dropsAllowed ? t('common.yes') : t('common.no')}
                </Descriptions.Item>
                {seed !== null && (
                  <Descriptions.Item label={t('seloff.recordedSeed')}>
                    <Typography.Text code data-testid="round-seed">
                      {seed}
                    </Typography.Text>
                  </Descriptions.Item>
                )}
              </Descriptions>
              {round.notice && (
                <Typography.Paragraph strong style={{ marginBottom: 4 }}>
                  {t('seloff.section.notice')}
                </Typography.Paragraph>
              )}
              {round.notice && (
                <Typography.Paragraph
                  type="secondary"
                  style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                  ellipsis={{ rows: 3, expandable: true }}
                >
                  {round.notice}
                </Typography.Paragraph>
              )}
            </Card>
            <Card>
              <Tabs
                destroyOnHidden
                items={[
                  { key: 'classes', label: t('seloff.tabs.classes'), children: <ClassesTab round={round} /> },
                  { key: 'dashboard', label: t('seloff.tabs.dashboard'), children: <DashboardTab round={round} /> },
                  { key: 'office', label: t('seloff.tabs.office'), children: <OfficeEnrolTab round={round} /> },
                  { key: 'student', label: t('selclass.studentTab'), children: <StudentSelectionTab round={round} /> },
                  { key: 'bulk', label: t('selaudit.tabBulk'), children: <BulkTab round={round} /> },
                  { key: 'checks', label: t('selaudit.tabChecks'), children: <ChecksTab round={round} /> },
                ]}
              />
            </Card>
            <RoundForm
              open={editing}
              termId={round.termId}
              round={round}
              onClose={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                refresh();
              }}
            />
            <DrawModal
              open={drawing}
              round={round}
              recordedSeed={seed}
              onClose={() => setDrawing(false)}
              onDrawn={(r) => {
                setDrawnSeed(r.seed);
                refresh();
              }}
            />
          </Space>
        );
      }}
    </QueryView>
  );
}
