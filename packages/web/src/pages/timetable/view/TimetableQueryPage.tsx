import { Alert, Button, Card, Segmented, Select, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../auth/session.tsx';
import { ApiSelect } from '../../../components/ApiSelect.tsx';
import { QueryView } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useTerms } from '../../../lib/terms.ts';
import { TimetableView } from './TimetableView.tsx';
import { timetableView } from './ttview.api.ts';
import { VersionsList } from './VersionsList.tsx';
import { WeekSelect, type WeekChoice } from './WeekSelect.tsx';

type OwnerKind = 'admin_class' | 'teacher' | 'room' | 'college' | 'school';
const PARAM: Record<Exclude<OwnerKind, 'school'>, string> = {
  admin_class: 'adminClassId',
  teacher: 'teacherId',
  room: 'roomId',
  college: 'collegeId',
};
const PATH: Record<Exclude<OwnerKind, 'school'>, string> = {
  admin_class: '/admin-classes',
  teacher: '/teachers',
  room: '/rooms',
  college: '/colleges',
};

/** 课表查询: the office, secretaries and leaders read any timetable in their scope, print it and see its versions. */
export function TimetableQueryPage() {
  const { t } = useTranslation();
  const { scopeOf } = useSession();
  const readsAll = scopeOf('timetable.read') === 'all';
  const { current, options } = useTerms();
  const [termId, setTermId] = useState<number | undefined>();
  const term = termId ?? current?.id;
  const [kind, setKind] = useState<OwnerKind>('admin_class');
  const [ownerId, setOwnerId] = useState<number | undefined>();
  const [week, setWeek] = useState<WeekChoice>();
  const [version, setVersion] = useState<number | undefined>();
  const params = kind === 'school' || ownerId === undefined ? {} : { [PARAM[kind]]: ownerId };
  const ready = term != null && (kind === 'school' || ownerId !== undefined);
  const query = useQuery({
    queryKey: ['timetable-query', term, kind, ownerId, week, version],
    queryFn: () => timetableView.published({ termId: term, week, version, ...params }),
    enabled: ready && kind !== 'school',
    placeholderData: keepPreviousData,
  });
  const kinds: OwnerKind[] = readsAll
    ? ['admin_class', 'teacher', 'room', 'college', 'school']
    : ['admin_class', 'teacher', 'room', 'college'];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={t('ttview.query.title')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            style={{ width: 200 }}
            value={term}
            options={options}
            onChange={(v: number) => setTermId(v)}
            aria-label={t('ttview.term')}
          />
          <Segmented<OwnerKind>
            value={kind}
            options={kinds.map((k) => ({ value: k, label: t(`ttview.owner.${k}`) }))}
            onChange={(k) => {
              setKind(k);
              setOwnerId(undefined);
            }}
            data-testid="owner-kind"
          />
          {kind !== 'school' && (
            <ApiSelect
              key={kind}
              path={PATH[kind]}
              value={ownerId}
              onChange={setOwnerId}
              placeholder={t('ttview.query.pick')}
              style={{ width: 260 }}
              data-testid="owner-select"
            />
          )}
          {query.data && kind !== 'school' && (
            <WeekSelect weeks={query.data.weekList} currentWeek={query.data.currentWeek} value={week} onChange={setWeek} />
          )}
        </Space>
        {kind === 'school' ? (
          <Space direction="vertical">
            <Alert type="info" showIcon message={t('ttview.schoolHint')} />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void timetableView.export('xlsx', { termId: term })}
              data-testid="export-school"
            >
              {t('ttview.export.schoolXlsx')}
            </Button>
          </Space>
        ) : !ready ? (
          <Typography.Text type="secondary">{t('ttview.query.pick')}</Typography.Text>
        ) : (
          <QueryView query={query}>
            {(data) => (
              <>
                <Space wrap style={{ marginBottom: 8 }}>
                  {data.version && (
                    <Typography.Text type="secondary">
                      {data.owner.name} · {t('ttview.version', { n: data.version.versionNo, at: formatDateTime(data.version.publishedAt) })}
                    </Typography.Text>
                  )}
                  {kind !== 'college' && (
                    <>
                      <Button
                        icon={<DownloadOutlined />}
                        onClick={() => void timetableView.export('xlsx', { termId: term, ...params })}
                        data-testid="export-xlsx"
                      >
                        {t('ttview.export.xlsx')}
                      </Button>
                      <Button
                        icon={<DownloadOutlined />}
                        onClick={() => void timetableView.export('pdf', { termId: term, ...params })}
                        data-testid="export-pdf"
                      >
                        {t('ttview.export.pdf')}
                      </Button>
                    </>
                  )}
                </Space>
                <TimetableView data={data} />
              </>
            )}
          </QueryView>
        )}
      </Card>
      {term != null && (
        <Card title={t('ttview.versions.title')} size="small">
          <VersionsList termId={term} onView={kind === 'school' ? undefined : setVersion} />
        </Card>
      )}
    </Space>
  );
}
