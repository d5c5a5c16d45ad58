import type { ReactNode } from 'react';
import { Alert, Button, List, Result, Skeleton, Table, Typography, type ListProps, type TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/**
 * The one way a page shows a request's state: a skeleton while the first load runs (never an
 * empty-state under it), the reason and a retry button when it failed (never 暂无数据 as if
 * there were no data), and the content once it is there. Every list and detail page uses these.
 */

/** The user-facing reason of a failed request: the server's translated message, or what went wrong on the way. */
export function useErrorReason(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof ApiError) return error.status >= 500 && !error.message ? t('errors.server') : error.message;
    return t('errors.offline');
  };
}

/** A failed request: what happened and a retry button. `compact` renders a banner above stale content. */
export function QueryError({ error, onRetry, compact }: { error: unknown; onRetry: () => void; compact?: boolean }) {
  const { t } = useTranslation();
  const reason = useErrorReason()(error);
  const retry = (
    <Button icon={<ReloadOutlined />} onClick={onRetry} data-testid="query-retry">
      {t('errors.retry')}
    </Button>
  );
  if (compact) {
    return (
      <Alert
        type="error"
        showIcon
        message={t('errors.loadFailed')}
        description={reason}
        action={retry}
        style={{ marginBottom: 12 }}
        data-testid="query-error"
      />
    );
  }
  return <Result status="warning" title={t('errors.loadFailed')} subTitle={reason} extra={retry} data-testid="query-error" />;
}

/** The options of a search select could not be loaded: the reason and a retry, in the dropdown. */
export function SelectLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const reason = useErrorReason()(error);
  return (
    <div style={{ padding: 8 }} data-testid="select-error">
      <Typography.Text type="danger">{reason}</Typography.Text>{' '}
      <Button size="small" type="link" icon={<ReloadOutlined />} onClick={onRetry}>
        {t('errors.retry')}
      </Button>
    </div>
  );
}

/**
 * Renders `children(data)` once the query has data; a skeleton before; the error with a retry
 * after a failure. A failed refetch keeps the last data on screen under an error banner.
 */
export function QueryView<T>({ query, children, rows = 4 }: { query: UseQueryResult<T>; children: (data: T) => ReactNode; rows?: number }) {
  const retry = () => void query.refetch();
  if (query.data === undefined) {
    if (query.isError) return <QueryError error={query.error} onRetry={retry} />;
    return <Skeleton active paragraph={{ rows }} data-testid="query-loading" />;
  }
  return (
    <>
      {query.isError && <QueryError error={query.error} onRetry={retry} compact />}
      {children(query.data)}
    </>
  );
}

/**
 * An antd Table fed by a list query (a page `{ items, total }` or a plain array): no "no data" while loading or after a failure, the error
 * with a retry in place of the rows, a banner over stale rows when a refetch fails.
 */
export function QueryTable<Row extends object, Page extends { items: Row[]; total?: number } | Row[] = { items: Row[]; total?: number }>({
  query,
  ...props
}: Omit<TableProps<Row>, 'dataSource' | 'loading'> & { query: UseQueryResult<Page> }) {
  const retry = () => void query.refetch();
  const data = query.data;
  if (data === undefined && query.isError) return <QueryError error={query.error} onRetry={retry} />;
  return (
    <>
      {query.isError && data !== undefined && <QueryError error={query.error} onRetry={retry} compact />}
      <Table<Row>
        {...props}
        dataSource={data === undefined ? [] : Array.isArray(data) ? data : data.items}
        loading={query.isFetching}
        locale={data === undefined ? { emptyText: <Skeleton active paragraph={{ rows: 3 }} data-testid="query-loading" /> } : props.locale}
      />
    </>
  );
}

/**
 * An antd List fed by a query (card lists on phones, notification lists): the same states as
 * QueryTable. `query` may return a page (`{ items }`) or a plain array.
 */
export function QueryList<Row>({
  query,
  compactError,
  ...props
}: Omit<ListProps<Row>, 'dataSource' | 'loading'> & {
  query: UseQueryResult<{ items: Row[] } | Row[]>;
  /** A small error (popovers): the reason and retry without the large illustration. */
  compactError?: boolean;
}) {
  const retry = () => void query.refetch();
  const data = query.data;
  if (data === undefined && query.isError) return <QueryError error={query.error} onRetry={retry} compact={compactError} />;
  const items = data === undefined ? [] : Array.isArray(data) ? data : data.items;
  return (
    <>
      {query.isError && data !== undefined && <QueryError error={query.error} onRetry={retry} compact />}
      <List<Row>
        {...props}
        dataSource={items}
        loading={query.isFetching && data !== undefined}
        locale={data === undefined ? { emptyText: <Skeleton active paragraph={{ rows: 3 }} data-testid="query-loading" /> } : props.locale}
      />
    </>
  );
}
