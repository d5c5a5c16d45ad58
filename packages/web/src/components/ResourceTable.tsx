import { useState } from 'react';
import { App, Button, Popconfirm, Space, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LIMITS, RESOURCES, type ResourceKey } from '@jiaowu/contracts';
import { ApiError } from '../api/client.ts';
import { resources, type Row } from '../api/endpoints.ts';
import { useLabels } from '../i18n/labels.ts';
import { renderCell } from './cells.tsx';
import { FilterBar, type Filters } from './FilterBar.tsx';
import { QueryTable } from './QueryState.tsx';

interface Props {
  resource: ResourceKey;
  canManage: boolean;
  onEdit: (row: Row) => void;
}

interface ListState {
  page: number;
  pageSize: number;
  q: string;
  sort?: string;
  order?: 'asc' | 'desc';
  filters: Filters;
}

/** Server-side paginated, searchable, filterable, sortable list of a resource, with export. */
export function ResourceTable({ resource, canManage, onEdit }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const spec = RESOURCES[resource];
  const [state, setState] = useState<ListState>({ page: 1, pageSize: LIMITS.pageSizeDefault, q: '', filters: {} });
  const query = { ...state.filters, q: state.q, sort: state.sort, order: state.order };
  const list = useQuery({
    queryKey: ['list', resource, state],
    queryFn: () => resources.list(resource, { ...query, page: state.page, pageSize: state.pageSize }),
    placeholderData: keepPreviousData,
  });

  const remove = async (row: Row) => {
    try {
      await resources.remove(resource, row.id, Number(row.version));
      message.success(t('common.deleted'));
      await qc.invalidateQueries({ queryKey: ['list', resource] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
      // Changed by someone else since the list was read: show the current rows.
      if (e instanceof ApiError && e.code === 'stale') await qc.invalidateQueries({ queryKey: ['list', resource] });
    }
  };
  const exportAs = async (format: 'xlsx' | 'csv') => {
    try {
      await resources.export(resource, format, query);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };

  const columns: TableColumnsType<Row> = spec.fields
    .filter((f) => f.list)
    .map((f) => ({
      key: f.key,
      dataIndex: f.key,
      title: labels.field(resource, f.key),
      sorter: f.sortable,
      sortOrder: state.sort === f.key ? (state.order === 'desc' ? 'descend' : 'ascend') : null,
      render: (_: unknown, row: Row) =>
        f.key === 'name' && resource === 'terms' ? <Link to={`/terms/${row.id}`}>{String(row.name)}</Link> : renderCell(f, row, labels),
    }));
  if (canManage || resource === 'terms') {
    columns.push({
      key: '_actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_: unknown, row: Row) => (
        <Space size={0} wrap>
          {resource === 'terms' && <Link to={`/terms/${row.id}`}>{t('table.timeGrid')}</Link>}
          {canManage && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(row)} data-testid="row-edit">
              {t('common.edit')}
            </Button>
          )}
          {canManage && (
            <Popconfirm
              title={t('common.confirmDelete')}
              // eslint-disable-next-line @typescript-eslint/no-misused-promises -- antd awaits a promise onConfirm returns (OK shows loading until the delete ends) but types it as returning void
              onConfirm={() => remove(row)}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="row-delete">
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8 }}>
        <FilterBar
          resource={resource}
          fields={spec.fields}
          labels={labels}
          q={state.q}
          onQ={(q) => setState((s) => ({ ...s, q, page: 1 }))}
          filters={state.filters}
          onFilters={(filters) => setState((s) => ({ ...s, filters, page: 1 }))}
        />
        <Space wrap style={{ marginBottom: 12 }}>
          <Button icon={<FileExcelOutlined />} onClick={() => void exportAs('xlsx')} data-testid="export-xlsx">
            {t('common.exportXlsx')}
          </Button>
          <Button icon={<FileTextOutlined />} onClick={() => void exportAs('csv')} data-testid="export-csv">
            {t('common.exportCsv')}
          </Button>
        </Space>
      </div>
      <QueryTable<Row>
        query={list}
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid={`table-${resource}`}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100, 200],
          showTotal: (total) => t('common.total', { total }),
        }}
        onChange={(p, _filters, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          setState((prev) => ({
            ...prev,
            page: p.pageSize !== prev.pageSize ? 1 : (p.current ?? 1),
            pageSize: p.pageSize ?? prev.pageSize,
            sort: s?.order ? String(s.columnKey ?? s.field) : undefined,
            order: s?.order === 'descend' ? 'desc' : s?.order ? 'asc' : undefined,
          }));
        }}
      />
    </>
  );
}
