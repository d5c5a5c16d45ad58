import { App, Button, Card, Popconfirm, Select, Space, Switch, Tag } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BookingItem, Paged } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { ttchange } from '../../../api/ttchange.ts';
import { QueryTable } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useTerms } from '../../../lib/terms.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { slotWords, weeksWords } from '../slot-words.ts';

/** 教室借用: the office's bookings of a term, newest first, each cancellable. */
export function BookingsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { current, options } = useTerms();
  const { num, str, set } = useListParams();
  const termId = num('termId') ?? current?.id;
  const includeCancelled = str('cancelled') === 'true';
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const query = useQuery({
    queryKey: ['room-bookings', termId, includeCancelled, page, pageSize],
    queryFn: () => ttchange.bookings({ termId, includeCancelled: includeCancelled ? 'true' : undefined, page, pageSize }),
    enabled: termId != null,
    placeholderData: keepPreviousData,
  });
  const cancel = useMutation({
    mutationFn: (id: number) => ttchange.cancelBooking(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['room-bookings'] }),
    onError: (e) => message.error(e instanceof ApiError ? e.message : t('errors.network')),
  });
  return (
    <Card title={t('ttchange.bookings')}>
      <Space style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 200 }}
          value={termId}
          options={options}
          onChange={(v) => set({ termId: v })}
          aria-label={t('ttchange.term')}
        />
        <Switch checked={includeCancelled} onChange={(v) => set({ cancelled: v ? 'true' : undefined })} /> {t('ttchange.showCancelled')}
      </Space>
      <QueryTable<BookingItem, Paged<BookingItem>>
        query={query}
        rowKey="id"
        size="middle"
        data-testid="table-bookings"
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('ttchange.room'), render: (_, b) => `${b.buildingName} ${b.roomName}` },
          { title: t('ttchange.weeks'), render: (_, b) => weeksWords(i18n.language, b.weeks) },
          { title: t('ttchange.slot'), render: (_, b) => slotWords(t, b.day, b.fromPeriod, b.toPeriod) },
          { title: t('ttchange.purpose'), dataIndex: 'purpose' },
          { title: t('ttchange.bookedBy'), dataIndex: 'bookedByName' },
          { title: t('ttchange.bookedAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          {
            title: '',
            key: 'actions',
            render: (_, b) =>
              b.cancelledAt ? (
                <Tag>{t('ttchange.cancelled')}</Tag>
              ) : (
                <Popconfirm title={t('ttchange.cancelConfirm')} onConfirm={() => cancel.mutate(b.id)}>
                  <Button size="small" danger>
                    {t('ttchange.cancel')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}
