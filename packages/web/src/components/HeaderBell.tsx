import { Badge, Button, Empty, Grid, List, Popover, Space, Tooltip, Typography } from 'antd';
import { QueryList } from './QueryState.tsx';
import { useIsApprover } from '../pages/workflow/useApprover.ts';
import { AuditOutlined, BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notifications, workflow } from '../api/modules.ts';
import { formatDateTime } from '../lib/time.ts';

const POLL = 30_000;

/** Header: the bell with unread notifications, and the approval inbox badge; both poll every 30 s. */
export function HeaderBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  // A phone has no room for the popover beside the bell: the bell opens the notifications page.
  const isPhone = Grid.useBreakpoint().md === false;
  const unread = useQuery({ queryKey: ['notifications', 'unread'], queryFn: notifications.unreadCount, refetchInterval: POLL });
  const isApprover = useIsApprover();
  const counts = useQuery({ queryKey: ['inbox', 'counts'], queryFn: workflow.counts, refetchInterval: POLL });
  const list = useQuery({ queryKey: ['notifications', 'recent'], queryFn: () => notifications.list({ pageSize: 8 }), enabled: open });
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] });

  const content = (
    <div style={{ width: 340, maxWidth: 'calc(100vw - 32px)' }} data-testid="notification-popover">
      <QueryList
        query={list}
        compactError
        rowKey="id"
        size="small"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} /> }}
        renderItem={(n) => (
          <List.Item
            style={{ cursor: n.link ? 'pointer' : undefined, background: n.readAt ? undefined : '#f0f7ff' }}
            onClick={() =>
              void (async () => {
                if (!n.readAt) await notifications.read(n.id).then(refresh);
                if (n.link) {
                  setOpen(false);
                  await navigate(n.link);
                }
              })()
            }
          >
            <List.Item.Meta
              title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
              description={
                <>
                  <div>{n.body}</div>
                  <Typography.Text type="secondary" className="num">
                    {formatDateTime(n.createdAt)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      <Space style={{ justifyContent: 'space-between', width: '100%', marginTop: 8 }}>
        <Button size="small" onClick={() => void notifications.readAll().then(refresh)} data-testid="read-all">
          {t('bell.readAll')}
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            void navigate('/notifications');
          }}
        >
          {t('bell.all')}
        </Button>
      </Space>
    </div>
  );
  const c = counts.data;
  // Who approves nothing has no 待办审批: the same button opens their own applications.
  const inboxLabel = isApprover || c?.waiting ? t('bell.inbox') : t('pagesx.inbox.myApplications');
  return (
    <Space size={4}>
      <Tooltip title={c?.overdue ? `${inboxLabel} · ${t('bell.overdue', { count: c.overdue })}` : inboxLabel}>
        <Badge count={c?.waiting ?? 0} size="small" color={c?.overdue ? 'red' : 'blue'} data-testid="inbox-badge">
          <Button type="text" icon={<AuditOutlined />} onClick={() => void navigate('/inbox')} aria-label={inboxLabel} />
        </Badge>
      </Tooltip>
      {isPhone ? (
        <Badge count={unread.data?.count ?? 0} size="small" data-testid="notification-badge">
          <Button
            type="text"
            icon={<BellOutlined />}
            aria-label={t('bell.notifications')}
            onClick={() => void navigate('/notifications')}
            data-testid="notification-bell"
          />
        </Badge>
      ) : (
        <Popover
          content={content}
          trigger="click"
          open={open}
          onOpenChange={setOpen}
          title={t('bell.notifications')}
          placement="bottomRight"
        >
          <Badge count={unread.data?.count ?? 0} size="small" data-testid="notification-badge">
            <Button type="text" icon={<BellOutlined />} aria-label={t('bell.notifications')} data-testid="notification-bell" />
          </Badge>
        </Popover>
      )}
    </Space>
  );
}
