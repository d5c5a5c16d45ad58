import { Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { draftEdit } from '../../../api/ttedit.ts';
import { QueryView } from '../../../components/QueryState.tsx';

const pct = (x: number) => `${Math.round(x * 100)}%`;
/** Rows per page of the summaries; the server pages them. */
const PAGE_SIZE = 20;

/** 教室使用率: per room or per building, fullest first. */
export function RoomUseTable({ draftId }: { draftId: number }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<'room' | 'building'>('room');
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ['ttedit', draftId, 'room-use', page],
    queryFn: () => draftEdit.roomUse(draftId, page, PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
  const k = (x: string) => t(`ttedit.roomUse.${x}`);
  return (
    <QueryView query={query}>
      {(data) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Segmented
            value={by}
            onChange={(v) => setBy(v as 'room' | 'building')}
            options={[
              { value: 'room', label: k('byRoom') },
              { value: 'building', label: k('byBuilding') },
            ]}
          />
          {by === 'room' ? (
            <Table
              data-testid="table-room-use"
              rowKey="roomId"
              size="small"
              dataSource={data.rooms}
              loading={query.isFetching}
              pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage }}
              columns={[
                { title: k('room'), dataIndex: 'roomName' },
                { title: k('building'), dataIndex: 'buildingName' },
                { title: k('campus'), dataIndex: 'campusName' },
                { title: k('capacity'), dataIndex: 'capacity', align: 'right' },
                { title: k('used'), dataIndex: 'used', align: 'right' },
                { title: k('available'), dataIndex: 'available', align: 'right' },
                { title: k('share'), dataIndex: 'share', align: 'right', render: pct },
              ]}
            />
          ) : (
            <Table
              rowKey={(r) => `${r.campusName}/${r.buildingName}`}
              size="small"
              dataSource={data.buildings}
              pagination={false}
              columns={[
                { title: k('building'), dataIndex: 'buildingName' },
                { title: k('campus'), dataIndex: 'campusName' },
                { title: k('used'), dataIndex: 'used', align: 'right' },
                { title: k('available'), dataIndex: 'available', align: 'right' },
                { title: k('share'), dataIndex: 'share', align: 'right', render: pct },
              ]}
            />
          )}
        </Space>
      )}
    </QueryView>
  );
}

/** 教师课时: periods a week, days, the heaviest day, evening periods; over the daily limit in red. */
export function TeacherLoadTable({ draftId }: { draftId: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ['ttedit', draftId, 'teacher-load', page],
    queryFn: () => draftEdit.teacherLoad(draftId, page, PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
  const k = (x: string) => t(`ttedit.teacherLoad.${x}`);
  return (
    <QueryView query={query}>
      {(data) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {data.maxPerDayLimit ? t('ttedit.teacherLoad.limit', { n: data.maxPerDayLimit }) : k('noLimit')}
          </Typography.Text>
          <Table
            data-testid="table-teacher-load"
            rowKey="teacherId"
            size="small"
            dataSource={data.teachers}
            loading={query.isFetching}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage }}
            columns={[
              { title: k('teacher'), dataIndex: 'teacherName' },
              { title: k('periods'), dataIndex: 'periodsPerWeek', align: 'right' },
              { title: k('days'), dataIndex: 'days', align: 'right' },
              {
                title: k('maxPerDay'),
                dataIndex: 'maxPerDay',
                align: 'right',
                render: (n: number) =>
                  data.maxPerDayLimit && n > data.maxPerDayLimit ? <Typography.Text type="danger">{n}</Typography.Text> : n,
              },
              { title: k('evening'), dataIndex: 'eveningPeriods', align: 'right' },
              { title: k('lectures'), dataIndex: 'lectures', align: 'right' },
            ]}
          />
        </Space>
      )}
    </QueryView>
  );
}
