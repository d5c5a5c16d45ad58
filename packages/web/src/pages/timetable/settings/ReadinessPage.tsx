import { Link } from 'react-router';
import { Alert, Button, Card, List, Select, Space, Statistic, Tag } from 'antd';
import { CloseCircleTwoTone, ExclamationCircleTwoTone, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReadinessReport, ReadinessTarget } from '@jiaowu/contracts';
import { QueryView } from '../../../components/QueryState.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { ttSettingsApi } from './api.ts';

/** Where a finding is fixed. */
function linkOf(target: ReadinessTarget, termId: number): string {
  switch (target.kind) {
    case 'teaching_class':
      return `/teaching-classes/${target.id}`;
    case 'teacher':
      return `/timetable/availability?termId=${termId}&teacherId=${target.id}`;
    case 'admin_class':
      return `/admin-classes`;
    case 'room_type':
      return `/rooms`;
    case 'link':
      return `/timetable/links?termId=${termId}`;
    case 'settings':
      return `/timetable/settings?termId=${termId}`;
  }
}

/** 排课前检查: a checklist of what would stop a solve of the term or make it poor. */
export function ReadinessPage() {
  const { t } = useTranslation();
  const { current, options } = useTerms();
  const { num, set } = useListParams();
  const termId = num('termId') ?? current?.id;
  const query = useQuery({ queryKey: ['tt-readiness', termId], queryFn: () => ttSettingsApi.readiness(termId!), enabled: termId != null });
  const r = (k: string, o: Record<string, unknown> = {}) => t(`ttsettings.readiness.${k}`, o);
  const body = (data: ReadinessReport) => {
    const blockers = data.findings.filter((f) => f.severity === 'blocker').length;
    const warnings = data.findings.length - blockers;
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap size="large">
          {(Object.keys(data.counts) as (keyof ReadinessReport['counts'])[]).map((k) => (
            <Statistic key={k} title={r(`counts.${k}`)} value={data.counts[k]} />
          ))}
        </Space>
        {data.ready ? (
          <Alert
            type="success"
            showIcon
            message={r('ready')}
            description={warnings ? r('warnings', { count: warnings }) : undefined}
            data-testid="readiness-ok"
          />
        ) : (
          <Alert
            type="error"
            showIcon
            message={r('notReady', { count: blockers })}
            description={warnings ? r('warnings', { count: warnings }) : undefined}
            data-testid="readiness-blocked"
          />
        )}
        <List
          dataSource={data.findings}
          data-testid="readiness-list"
          renderItem={(f) => (
            <List.Item
              actions={[
                <Link key="fix" to={linkOf(f.target, data.termId)}>
                  {r('fix')}
                </Link>,
              ]}
              data-code={f.code}
            >
              <List.Item.Meta
                avatar={
                  f.severity === 'blocker' ? (
                    <CloseCircleTwoTone twoToneColor="#ff4d4f" />
                  ) : (
                    <ExclamationCircleTwoTone twoToneColor="#faad14" />
                  )
                }
                title={
                  <Space>
                    <Tag color={f.severity === 'blocker' ? 'red' : 'orange'}>{r(f.severity)}</Tag>
                    {f.message}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Space>
    );
  };
  return (
    <Card
      title={r('title')}
      extra={
        <Space>
          <Select
            style={{ width: 220 }}
            value={termId}
            options={options}
            onChange={(v) => set({ termId: v })}
            data-testid="filter-term"
            aria-label={t('ttsettings.term')}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching}>
            {r('recheck')}
          </Button>
        </Space>
      }
    >
      <QueryView query={query}>{body}</QueryView>
    </Card>
  );
}
