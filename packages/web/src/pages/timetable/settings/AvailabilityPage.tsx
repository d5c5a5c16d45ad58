import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { blocksOfCells, cellsOfBlocks, type AvailabilityView, type TeacherBlockKind } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { useSession } from '../../../auth/session.tsx';
import { QueryView } from '../../../components/QueryState.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { orgNames, ttSettingsApi } from './api.ts';
import { AvailabilityGrid, KIND_COLORS } from './AvailabilityGrid.tsx';

function Editor({ data }: { data: AvailabilityView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [cells, setCells] = useState(() => cellsOfBlocks(data.blocks));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  useEffect(() => {
    setCells(cellsOfBlocks(data.blocks));
    setDirty(false);
  }, [data]);
  const a = (k: string) => t(`ttsettings.availability.${k}`);
  const save = async () => {
    setBusy(true);
    setErrors([]);
    try {
      const saved = await ttSettingsApi.saveAvailability({
        termId: data.termId,
        teacherId: data.teacherId,
        blocks: blocksOfCells(cells, data.grid.daysPerWeek, data.grid.periodsPerDay),
      });
      qc.setQueryData(['tt-availability', data.termId, data.teacherId], saved);
      message.success(t('ttsettings.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) setErrors(e.fields.map((f) => f.message));
      else message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {!data.canEdit && <Alert type="info" showIcon message={a('readOnly')} />}
      {data.canEdit && <Typography.Text type="secondary">{a('help')}</Typography.Text>}
      <Space wrap>
        {(['avoid', 'never', 'prefer'] as TeacherBlockKind[]).map((k) => (
          <Tag key={k} color={KIND_COLORS[k]} style={{ color: '#000' }}>
            {a(`kinds.${k}`)}
          </Tag>
        ))}
      </Space>
      {errors.length > 0 && (
        <Alert type="error" showIcon message={t('ttsettings.fixErrors')} description={errors.join('；')} data-testid="avail-errors" />
      )}
      <AvailabilityGrid
        days={data.grid.daysPerWeek}
        periods={data.grid.periodsPerDay}
        cells={cells}
        disabled={!data.canEdit}
        onChange={(next) => (setCells(next), setDirty(true))}
      />
      {data.canEdit && (
        <Space>
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="avail-save">
            {t('ttsettings.save')}
          </Button>
          <Button onClick={() => (setCells(new Map()), setDirty(true))}>{a('clear')}</Button>
          {dirty && <Typography.Text type="warning">{a('unsaved')}</Typography.Text>}
        </Space>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {a('wishes')}
      </Typography.Title>
      {data.wishes.length === 0 ? (
        <Typography.Text type="secondary">{a('noWishes')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={data.wishes}
          renderItem={(w) => (
            <List.Item>
              <Space>
                <Tag color={KIND_COLORS[w.kind]} style={{ color: '#000' }}>
                  {a(`wishKinds.${w.kind}`)}
                </Tag>
                {t(`weekday.${w.day}`)}{' '}
                {w.fromPeriod === w.toPeriod
                  ? t('ttsettings.availability.period', { period: w.fromPeriod })
                  : t('ttsettings.availability.periods', { from: w.fromPeriod, to: w.toPeriod })}
                <Typography.Text type="secondary">
                  {w.teachingClassCode} {w.courseName}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}

/**
 * 时间偏好: a teacher marks the periods they can never, would rather not, or would like to teach.
 * A secretary or the office picks a teacher first (the server keeps each to their scope).
 */
export function AvailabilityPage() {
  const { t } = useTranslation();
  const { me, scopeOf } = useSession();
  const { current, options } = useTerms();
  const { num, set } = useListParams();
  const ownTeacher = me?.user.teacherId ?? undefined;
  const scope = scopeOf('timetable.change');
  const picks = scope === 'all' || scope === 'college';
  const termId = num('termId') ?? current?.id;
  const teacherId = num('teacherId') ?? ownTeacher;
  const [q, setQ] = useState('');
  const teachers = useQuery({
    queryKey: ['tt-teachers', q, scope === 'college' ? me?.collegeId : null],
    queryFn: () => orgNames.teachers(q, scope === 'college' ? (me?.collegeId ?? undefined) : undefined),
    enabled: picks,
  });
  const query = useQuery({
    queryKey: ['tt-availability', termId, teacherId],
    queryFn: () => ttSettingsApi.availability(termId!, teacherId!),
    enabled: termId != null && teacherId != null,
  });
  const own = teacherId != null && teacherId === ownTeacher;
  return (
    <Card
      title={own ? t('ttsettings.availability.titleOwn') : t('ttsettings.availability.title')}
      extra={
        <Space wrap>
          {picks && (
            <Select
              showSearch
              filterOption={false}
              onSearch={setQ}
              style={{ width: 220 }}
              placeholder={t('ttsettings.availability.pickTeacher')}
              value={teacherId}
              onChange={(v: number) => set({ teacherId: v })}
              options={[
                ...(query.data && !teachers.data?.items.some((x) => x.id === query.data.teacherId)
                  ? [{ value: query.data.teacherId, label: query.data.teacherName }]
                  : []),
                ...(teachers.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${x.code}）` })),
              ]}
              data-testid="avail-teacher"
              aria-label={t('ttsettings.availability.teacher')}
            />
          )}
          <Select
            style={{ width: 220 }}
            value={termId}
            options={options}
            onChange={(v) => set({ termId: v })}
            data-testid="filter-term"
            aria-label={t('ttsettings.term')}
          />
        </Space>
      }
    >
      {teacherId == null ? (
        <Empty description={t('ttsettings.availability.pickTeacher')} />
      ) : (
        <QueryView query={query}>
          {(data) => (
            <>
              {!own && <Typography.Title level={5}>{data.teacherName}</Typography.Title>}
              <Editor data={data} />
            </>
          )}
        </QueryView>
      )}
    </Card>
  );
}
