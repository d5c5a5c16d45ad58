import { useState } from 'react';
import { App, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LIMITS, RESOURCES, type ResourceKey } from '@jiaowu/contracts';
import { ApiError } from '../api/client.ts';
import { resources, type Row } from '../api/endpoints.ts';
import { useLabels } from '../i18n/labels.ts';
import { cellClass, renderCell } from './cells.tsx';
import { FilterBar, type Filters } from './FilterBar.tsx';
import { ListToolbar } from './ListToolbar.tsx';
import { QueryTable } from './QueryState.tsx';
import { RowActions, useActionsColumn } from './RowActions.tsx';

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
  const actionsColumn = useActionsColumn();
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

  const columns: TableColumnsType<Row> = spec.fields
    .filter((f) => f.list)
    .map((f) => ({
      key: f.key,
      dataIndex: f.key,
      title: labels.field(resource, f.key),
      className: cellClass(f),
      sorter: f.sortable,
      sortOrder: state.sort === f.key ? (state.order === 'desc' ? 'descend' : 'ascend') : null,
      render: (_: unknown, row: Row) =>
        f.key === 'name' && resource === 'terms' ? <Link to={`/terms/${row.id}`}>{String(row.name)}</Link> : renderCell(f, row, labels),
    }));
  if (canManage || resource === 'terms') {
    columns.push({
      ...actionsColumn,
      title: t('common.actions'),
      render: (_: unknown, row: Row) => (
        <RowActions onEdit={canManage ? () => onEdit(row) : undefined} onDelete={canManage ? () => remove(row) : undefined}>
          {resource === 'terms' && <Link to={`/terms/${row.id}`}>{t('table.timeGrid')}</Link>}
        </RowActions>
      ),
    });
  }

  return (
    <>
      <ListToolbar onExport={(format) => resources.export(resource, format, query)}>
        <FilterBar
          resource={resource}
          fields={spec.fields}
          labels={labels}
          q={state.q}
          onQ={(q) => setState((s) => ({ ...s, q, page: 1 }))}
          filters={state.filters}
          onFilters={(filters) => setState((s) => ({ ...s, filters, page: 1 }))}
        />
      </ListToolbar>
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
