import { useState } from 'react';
import { Badge, Button, Drawer, Empty, Form, Grid, Input, Pagination, Select, Space, Switch, Typography } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CourseCategory, MyEnrolment, Round } from '@jiaowu/contracts';
import { selection } from '../../../api/selection.ts';
import { QueryView } from '../../../components/QueryState.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { ClassCard } from './ClassCard.tsx';
import { CARD_GRID, useSelectionWords } from './words.ts';

const PAGE_SIZE = 10;
const CREDIT_CHOICES = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6];
const PERIODS = Array.from({ length: 12 }, (_, i) => i + 1);

/** The filters kept in the drawer (the keyword and "fits" sit above the list). */
interface MoreFilters {
  category?: CourseCategory;
  credits?: number;
  day?: number;
  period?: number;
  teacher?: string;
}

/** 选课 tab: the round's classes, filtered and paged on the server, as cards. */
export function ClassList({ round, mine }: { round: Round; mine: MyEnrolment[] }) {
  const w = useSelectionWords();
  const { t } = w;
  const labels = useLabels();
  const [q, setQ] = useState('');
  const [fits, setFits] = useState(false);
  const [more, setMore] = useState<MoreFilters>({});
  const [page, setPage] = useState(1);
  const [drawer, setDrawer] = useState(false);
  const [form] = Form.useForm<MoreFilters>();
  const isPhone = Grid.useBreakpoint().md === false;
  const query = useQuery({
    queryKey: ['selection-classes', round.id, q, fits, more, page],
    queryFn: () =>
      selection.classes(round.id, {
        page,
        pageSize: PAGE_SIZE,
        q: q || undefined,
        fits: fits ? 'true' : undefined,
        ...more,
        teacher: more.teacher?.trim() || undefined,
      }),
    placeholderData: keepPreviousData,
  });
  const activeMore = Object.values(more).filter((v) => v !== undefined && v !== '').length;
  const days = t('selstu.days', { returnObjects: true }) as string[];
  const any = t('selstu.filters.any');

  return (
    <div data-testid="class-list">
      <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }} size={8}>
        <Input.Search
          allowClear
          placeholder={t('selstu.filters.keyword')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          data-testid="class-search"
        />
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <label style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <Switch
              checked={fits}
              onChange={(v) => {
                setFits(v);
                setPage(1);
              }}
              data-testid="fits-switch"
            />
            {t('selstu.filters.fits')}
          </label>
          <Badge count={activeMore} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)} data-testid="filters-button">
              {t('selstu.filters.more')}
            </Button>
          </Badge>
        </div>
      </Space>
      <QueryView query={query}>
        {(data) => (
          <>
            <Typography.Text type="secondary" data-testid="class-total">
              {t('selstu.total', { n: data.total })}
            </Typography.Text>
            {data.items.length === 0 ? (
              <Empty description={t('selstu.noClasses')} data-testid="no-classes" />
            ) : (
              <div style={{ ...CARD_GRID, marginTop: 8, opacity: query.isPlaceholderData ? 0.6 : 1 }}>
                {data.items.map((item) => (
                  <ClassCard key={item.teachingClassId} item={item} round={round} mine={mine} />
                ))}
              </div>
            )}
            {data.total > PAGE_SIZE && (
              <Pagination
                simple
                style={{ marginTop: 12, textAlign: 'center' }}
                current={page}
                pageSize={PAGE_SIZE}
                total={data.total}
                onChange={setPage}
                showSizeChanger={false}
              />
            )}
          </>
        )}
      </QueryView>
      <Drawer
        open={drawer}
        onClose={() => setDrawer(false)}
        title={t('selstu.filters.title')}
        placement={isPhone ? 'bottom' : 'right'}
        size={isPhone ? 'large' : 'default'}
        styles={{ body: { paddingBottom: 8 } }}
        footer={
          <div style={{ display: 'flex', justifyContent: 'space-between' }}>
            <Button
              onClick={() => {
                form.resetFields();
                setMore({});
                setPage(1);
                setDrawer(false);
              }}
            >
              {t('selstu.filters.reset')}
            </Button>
            <Button type="primary" onClick={() => form.submit()} data-testid="filters-apply">
              {t('selstu.filters.apply')}
            </Button>
          </div>
        }
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={more}
          onFinish={(v) => {
            setMore(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== '')) as MoreFilters);
            setPage(1);
            setDrawer(false);
          }}
        >
          <Form.Item name="category" label={t('selstu.filters.category')}>
            <Select allowClear placeholder={any} options={labels.enumOptions('courseCategory')} data-testid="filter-category" />
          </Form.Item>
          <Form.Item name="credits" label={t('selstu.filters.credits')}>
            <Select
              allowClear
              placeholder={any}
              options={CREDIT_CHOICES.map((c) => ({ value: c, label: t('selstu.credits', { n: c }) }))}
            />
          </Form.Item>
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="day" label={t('selstu.filters.day')} style={{ flex: 1 }}>
              <Select allowClear placeholder={any} options={days.map((d, i) => ({ value: i + 1, label: d }))} />
            </Form.Item>
            <Form.Item name="period" label={t('selstu.filters.period')} style={{ flex: 1 }}>
              <Select
                allowClear
                placeholder={any}
                options={PERIODS.map((n) => ({ value: n, label: t('selstu.filters.periodN', { n }) }))}
              />
            </Form.Item>
          </div>
          <Form.Item name="teacher" label={t('selstu.filters.teacher')}>
            <Input allowClear placeholder={t('selstu.filters.teacherPlaceholder')} />
          </Form.Item>
        </Form>
      </Drawer>
    </div>
  );
}
