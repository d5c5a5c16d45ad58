import { useState } from 'react';
import { App, Button, Card, Input, Select, Space, Tag } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatPrerequisites, type CourseItem as Course } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { courses } from '../../api/modules.ts';
import { useSession } from '../../auth/session.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { QueryTable } from '../../components/QueryState.tsx';
import { RefSelect } from '../../components/RefSelect.tsx';
import { RowActions, useActionsColumn } from '../../components/RowActions.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { CourseForm } from './CourseForm.tsx';

/** The course catalog: search, filters, sort, export; create, edit, delete (retire when in use). */
export function CoursesPage() {
  const { t } = useTranslation();
  const actionsColumn = useActionsColumn();
  const labels = useLabels();
  const { message, modal } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<Record<string, string | number | boolean | undefined>>({ isActive: true });
  const [sort, setSort] = useState<{ sort?: string; order?: 'asc' | 'desc' }>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<Course | null | undefined>(undefined);
  const query = { q, ...filters, ...sort };
  const list = useQuery({
    queryKey: ['courses', query, page, pageSize],
    queryFn: () => courses.list({ ...query, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const reload = () => qc.invalidateQueries({ queryKey: ['courses'] });
  const setFilter = (k: string, v: string | number | boolean | undefined) => {
    setFilters((f) => ({ ...f, [k]: v }));
    setPage(1);
  };
  const f = (k: string) => labels.field('courses', k);
  const remove = async (c: Course) => {
    try {
      await courses.remove(c.id, c.version);
      message.success(t('common.deleted'));
      await reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'in_use') {
        modal.confirm({
          title: e.message,
          content: t('courses.inUse'),
          okText: t('courses.retire'),
          cancelText: t('common.cancel'),
          onOk: () => courses.update(c.id, { isActive: false, version: c.version }).then(reload),
        });
      } else {
        message.error(e instanceof ApiError ? e.message : t('errors.network'));
        if (e instanceof ApiError && e.code === 'stale') await reload();
      }
    }
  };
  return (
    <Card
      title={t('courses.title')}
      extra={
        <Space wrap>
          {can('imports.run') && can('catalog.manage') && (
            <Button icon={<UploadOutlined />} onClick={() => void navigate('/imports?kind=courses')} data-testid="import-courses">
              {t('common.import')}
            </Button>
          )}
          {can('catalog.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="create-button">
              {t('courses.create')}
            </Button>
          )}
        </Space>
      }
    >
      <ListToolbar onExport={(format) => courses.export(format, query)}>
        <Input.Search
          allowClear
          placeholder={t('table.searchPlaceholder')}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 220 }}
          data-testid="table-search"
        />
        <RefSelect
          resource="colleges"
          placeholder={t('courses.college')}
          value={filters.collegeId as number | undefined}
          onChange={(v) => setFilter('collegeId', v)}
        />
        <RefSelect
          resource="departments"
          placeholder={t('courses.department')}
          filters={{ collegeId: filters.collegeId as number | undefined }}
          value={filters.departmentId as number | undefined}
          onChange={(v) => setFilter('departmentId', v)}
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={f('category')}
          options={labels.enumOptions('courseCategory')}
          onChange={(v) => setFilter('category', v)}
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={f('assessment')}
          options={labels.enumOptions('assessmentType')}
          onChange={(v) => setFilter('assessment', v)}
        />
        <Select
          style={{ width: 140 }}
          value={filters.isActive === undefined ? 'all' : String(filters.isActive)}
          onChange={(v) => setFilter('isActive', v === 'all' ? undefined : v === 'true')}
          options={[
            { value: 'true', label: t('courses.active') },
            { value: 'false', label: t('courses.retired') },
            { value: 'all', label: t('common.all') },
          ]}
        />
      </ListToolbar>
      <QueryTable<Course>
        query={list}
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        data-testid="table-courses"
        onChange={(_, __, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          setSort(s?.order ? { sort: String(s.field), order: s.order === 'descend' ? 'desc' : 'asc' } : {});
        }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: f('code'), dataIndex: 'code', sorter: true, className: 'code' },
          { title: f('name'), dataIndex: 'name', sorter: true },
          { title: f('credits'), dataIndex: 'credits', sorter: true, className: 'num' },
          {
            title: t('courses.hours'),
            key: 'hours',
            className: 'num',
            render: (_, c) => `${c.lectureHours} / ${c.labHours} / ${c.practiceHours}`,
          },
          { title: f('assessment'), dataIndex: 'assessment', render: (v: string) => labels.enumLabel('assessmentType', v) },
          { title: f('category'), dataIndex: 'category', sorter: true, render: (v: string) => labels.enumLabel('courseCategory', v) },
          { title: f('departmentId'), dataIndex: 'departmentName' },
          { title: f('prerequisites'), dataIndex: 'prerequisites', render: (v: Course['prerequisites']) => formatPrerequisites(v) || '—' },
          {
            title: t('users.status'),
            dataIndex: 'isActive',
            render: (v: boolean) => (v ? <Tag color="green">{t('courses.active')}</Tag> : <Tag>{t('courses.retired')}</Tag>),
          },
          ...(can('catalog.manage')
            ? [
                {
                  ...actionsColumn,
                  title: t('common.actions'),
                  render: (_: unknown, c: Course) => (
                    <RowActions onEdit={() => setEditing(c)} onDelete={() => remove(c)}>
                      <Button
                        type="link"
                        size="small"
                        onClick={() =>
                          void courses.update(c.id, { isActive: !c.isActive, version: c.version }).then(reload, (e) => {
                            message.error(e instanceof ApiError ? e.message : t('errors.network'));
                            return reload();
                          })
                        }
                      >
                        {c.isActive ? t('courses.retire') : t('courses.activate')}
                      </Button>
                    </RowActions>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CourseForm
        course={editing}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          void reload();
        }}
      />
    </Card>
  );
}
