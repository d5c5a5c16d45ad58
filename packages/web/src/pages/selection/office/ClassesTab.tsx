import { useEffect, useState } from 'react';
import { App, Alert, Button, Input, Modal, Space, Tag, Table, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Round, RoundClassItem, TeachingClass } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { teachingClasses } from '../../../api/modules.ts';
import { selectionOffice, type RoundClassPage, type RosterFormat } from '../../../api/selection-office.ts';
import { QueryError, QueryTable } from '../../../components/QueryState.tsx';
import { ClassToolsModal } from './ClassToolsModal.tsx';
import { lectureWords } from './words.ts';

/** Every class id open in the round (the list pages at most 200 a page). */
async function allRoundClassIds(roundId: number): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const r = await selectionOffice.roundClasses(roundId, { page, pageSize: 200 });
    ids.push(...r.items.map((c) => c.teachingClassId));
    if (r.items.length < 200 || ids.length >= r.total) return ids;
  }
}

/** Downloads a roster 点名册 of one class; a failure says why. */
function RosterLinks({ c }: { c: RoundClassItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const get = async (format: RosterFormat) => {
    try {
      await selectionOffice.roster(c.teachingClassId, format, c.code);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => void get('xlsx')} data-testid={`roster-xlsx-${c.teachingClassId}`}>
        {t('seloff.rosterXlsx')}
      </Button>
      <Button type="link" size="small" onClick={() => void get('pdf')} data-testid={`roster-pdf-${c.teachingClassId}`}>
        {t('seloff.rosterPdf')}
      </Button>
    </Space>
  );
}

/** The classes open in the round with their seats, roster downloads, and the choice of classes. */
export function ClassesTab({ round }: { round: Round }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [q, setQ] = useState('');
  const [choosing, setChoosing] = useState(false);
  const [managing, setManaging] = useState<RoundClassItem | null>(null);
  const query = useQuery({
    queryKey: ['sel-round-classes', round.id, page, pageSize, q],
    queryFn: () => selectionOffice.roundClasses(round.id, { page, pageSize, q }),
    placeholderData: keepPreviousData,
  });
  const en = i18n.language === 'en';
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('seloff.searchClass')}
          style={{ width: 260 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        {round.status !== 'locked' && (
          <Button onClick={() => setChoosing(true)} data-testid="set-classes">
            {t('seloff.setClasses')}
          </Button>
        )}
      </Space>
      <QueryTable<RoundClassItem, RoundClassPage>
        query={query}
        rowKey="teachingClassId"
        size="small"
        scroll={{ x: 'max-content' }}
        data-testid="table-round-classes"
        locale={{ emptyText: t('seloff.noClasses') }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('seloff.code'), dataIndex: 'code' },
          { title: t('seloff.course'), render: (_, c) => (en && c.courseNameEn ? c.courseNameEn : c.courseName) },
          { title: t('seloff.credits'), dataIndex: 'credits' },
          { title: t('seloff.teachers'), render: (_, c) => c.teachers.join(en ? ', ' : '、') },
          {
            title: t('seloff.time'),
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                {c.lectures.map((l, i) => (
                  <span key={i}>{lectureWords(t, i18n.language, l)}</span>
                ))}
              </Space>
            ),
          },
          { title: t('seloff.capacity'), dataIndex: 'capacity' },
          {
            title: t('seloff.seatsLeft'),
            render: (_, c) =>
              c.seatsLeft <= 0 ? (
                <Tag color="red">{t('seloff.full')}</Tag>
              ) : (
                <span data-testid={`seats-left-${c.teachingClassId}`}>{c.seatsLeft}</span>
              ),
          },
          ...(round.mode === 'lottery'
            ? [{ title: t('seloff.applicants'), render: (_: unknown, c: RoundClassItem) => c.applicants ?? '' }]
            : []),
          { title: t('seloff.roster'), render: (_, c) => <RosterLinks c={c} /> },
          {
            title: t('common.actions'),
            render: (_, c) => (
              <Button size="small" onClick={() => setManaging(c)} data-testid={`manage-class-${c.teachingClassId}`}>
                {t('selclass.manage')}
              </Button>
            ),
          },
        ]}
      />
      <ChooseClassesModal open={choosing} round={round} onClose={() => setChoosing(false)} />
      <ClassToolsModal round={round} cls={managing} onClose={() => setManaging(null)} />
    </>
  );
}

/** 设置开放教学班: ticks over the term's teaching classes (paged on the server), saved as the round's whole set. */
function ChooseClassesModal({ open, round, onClose }: { open: boolean; round: Round; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<number[]>([]);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [q, setQ] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const current = useQuery({
    queryKey: ['sel-round-class-ids', round.id],
    queryFn: () => allRoundClassIds(round.id),
    enabled: open,
    staleTime: 0,
  });
  const classes = useQuery({
    queryKey: ['sel-term-classes', round.termId, page, pageSize, q],
    queryFn: () => teachingClasses.list({ termId: round.termId, page, pageSize, q }),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    if (open && current.data) setSelected(current.data);
  }, [open, current.data]);
  useEffect(() => {
    if (open) setFailure(null);
  }, [open]);

  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      await selectionOffice.setRoundClasses(round.id, selected);
      message.success(t('seloff.classesSaved'));
      void qc.invalidateQueries({ queryKey: ['sel-round-classes', round.id] });
      void qc.invalidateQueries({ queryKey: ['sel-round-class-ids', round.id] });
      onClose();
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      width={960}
      title={t('seloff.setClassesTitle')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.save')}
      onOk={() => void save()}
      okButtonProps={{ loading: saving, disabled: !current.data, 'data-testid': 'classes-save' } as ButtonProps}
    >
      <Typography.Paragraph type="secondary">{t('seloff.setClassesHelp')}</Typography.Paragraph>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      {current.isError ? (
        <QueryError error={current.error} onRetry={() => void current.refetch()} />
      ) : (
        <>
          <Space style={{ marginBottom: 12 }}>
            <Input.Search
              allowClear
              placeholder={t('seloff.searchClass')}
              style={{ width: 260 }}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
            />
            <Typography.Text data-testid="classes-selected">{t('seloff.selectedCount', { count: selected.length })}</Typography.Text>
          </Space>
          {classes.isError ? (
            <QueryError error={classes.error} onRetry={() => void classes.refetch()} compact />
          ) : (
            <Table<TeachingClass>
              rowKey="id"
              size="small"
              loading={classes.isFetching || current.isLoading}
              dataSource={classes.data?.items ?? []}
              rowSelection={{
                selectedRowKeys: selected,
                preserveSelectedRowKeys: true,
                onChange: (keys) => setSelected(keys.map(Number)),
              }}
              pagination={{
                current: page,
                pageSize,
                total: classes.data?.total ?? 0,
                showTotal: (total) => t('common.total', { total }),
                onChange: (p, s) => {
                  setPage(p);
                  setPageSize(s);
                },
              }}
              columns={[
                { title: t('seloff.code'), dataIndex: 'code' },
                { title: t('seloff.course'), dataIndex: 'courseName' },
                { title: t('seloff.credits'), dataIndex: 'credits' },
                { title: t('seloff.college'), dataIndex: 'collegeName' },
                {
                  title: t('seloff.teachers'),
                  render: (_, c) =>
                    c.teachers
                      .map((x) => x.name)
                      .filter(Boolean)
                      .join(i18n.language === 'en' ? ', ' : '、'),
                },
                { title: t('seloff.capacity'), dataIndex: 'capacity' },
              ]}
            />
          )}
        </>
      )}
    </Modal>
  );
}
