import { Alert, Card, Segmented, Space, Tabs, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { EditGridOwner } from '@jiaowu/contracts';
import { draftEdit, type OwnerParam } from '../../../api/ttedit.ts';
import { ApiSelect } from '../../../components/ApiSelect.tsx';
import { Breadcrumbs } from '../../../components/Breadcrumbs.tsx';
import { QueryView } from '../../../components/QueryState.tsx';
import { ConflictPanel } from './ConflictPanel.tsx';
import { RoomUseTable, TeacherLoadTable } from './DraftSummaries.tsx';
import { EditGrid } from './EditGrid.tsx';

type OwnerKind = EditGridOwner['kind'];
const PARAM: Record<OwnerKind, OwnerParam> = {
  admin_class: 'adminClassId',
  teacher: 'teacherId',
  room: 'roomId',
  teaching_class: 'teachingClassId',
};
const LIST: Record<OwnerKind, string> = {
  admin_class: '/admin-classes',
  teacher: '/teachers',
  room: '/rooms',
  teaching_class: '/teaching-classes',
};
const KINDS = Object.keys(PARAM) as OwnerKind[];

/**
 * /timetable/drafts/:id/grid — 手工调整排课方案: the week grid of one owner (admin class,
 * teacher, room or teaching class, in the address so a report's link opens it), the conflict
 * report and the room-use and teacher-load summaries.
 */
export function DraftGridPage() {
  const { t } = useTranslation();
  const draftId = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const kind = KINDS.find((k) => params.has(PARAM[k])) ?? (params.get('kind') as OwnerKind | null) ?? 'admin_class';
  const ownerId = Number(params.get(PARAM[kind])) || undefined;
  const tab = params.get('tab') ?? 'grid';
  const setOwner = (k: OwnerKind, id?: number) => {
    const next = new URLSearchParams();
    next.set('kind', k);
    if (id) next.set(PARAM[k], String(id));
    setParams(next);
  };
  const setTab = (next: string) => {
    const p = new URLSearchParams(params);
    p.set('tab', next);
    setParams(p);
  };
  const grid = useQuery({
    queryKey: ['ttedit', draftId, 'grid', kind, ownerId],
    queryFn: () => draftEdit.grid(draftId, ownerId === undefined ? {} : { [PARAM[kind]]: ownerId }),
    enabled: draftId > 0,
    placeholderData: keepPreviousData,
  });
  const draft = grid.data?.draft;
  const readOnly = draft !== undefined && draft.status !== 'draft';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumbs items={[{ label: t('ttedit.crumbDrafts'), to: '/timetable/drafts' }, { label: draft?.name ?? t('ttedit.title') }]} />
      <Card
        title={
          <Space>
            {t('ttedit.title')}
            {draft && (
              <>
                <Typography.Text>{draft.name}</Typography.Text>
                <Tag>{t(`ttedit.status.${draft.status}`)}</Tag>
                <Typography.Text type="secondary" data-testid="draft-version">
                  {t('ttedit.version', { v: draft.version })}
                </Typography.Text>
              </>
            )}
          </Space>
        }
      >
        {readOnly && <Alert type="info" showIcon message={t('ttedit.readOnly')} style={{ marginBottom: 12 }} />}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'grid',
              label: t('ttedit.tabs.grid'),
              children: (
                <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                  <Space wrap>
                    <Segmented
                      value={kind}
                      onChange={(v) => setOwner(v as OwnerKind)}
                      options={KINDS.map((k) => ({ value: k, label: t(`ttedit.ownerKind.${k}`) }))}
                      data-testid="owner-kind"
                    />
                    <ApiSelect
                      key={kind}
                      path={LIST[kind]}
                      filters={kind === 'teaching_class' && draft ? { termId: draft.termId } : undefined}
                      value={ownerId}
                      onChange={(id) => setOwner(kind, id)}
                      placeholder={t('ttedit.pickOwner', { kind: t(`ttedit.ownerKind.${kind}`) })}
                      label={(r) => (r.code ? `${String(r.name ?? r.courseName ?? '')} ${String(r.code)}`.trim() : String(r.name ?? r.id))}
                      style={{ minWidth: 260 }}
                      data-testid="owner-select"
                    />
                  </Space>
                  <QueryView query={grid}>
                    {(data) =>
                      data.owner === null ? (
                        <Typography.Text type="secondary">{t('ttedit.pickOwnerHint')}</Typography.Text>
                      ) : (
                        <>
                          <Typography.Title level={5} style={{ margin: 0 }} data-testid="grid-owner">
                            {t(`ttedit.ownerKind.${data.owner.kind}`)} {data.owner.name}
                          </Typography.Title>
                          <EditGrid draftId={draftId} data={data} readOnly={readOnly} />
                        </>
                      )
                    }
                  </QueryView>
                </Space>
              ),
            },
            {
              key: 'conflicts',
              label: t('ttedit.tabs.conflicts'),
              children: (
                <ConflictPanel
                  draftId={draftId}
                  onOpen={(o) => {
                    const next = new URLSearchParams();
                    next.set('kind', o.kind);
                    next.set(PARAM[o.kind], String(o.id));
                    setParams(next);
                  }}
                />
              ),
            },
            { key: 'room-use', label: t('ttedit.tabs.roomUse'), children: <RoomUseTable draftId={draftId} /> },
            { key: 'teacher-load', label: t('ttedit.tabs.teacherLoad'), children: <TeacherLoadTable draftId={draftId} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
