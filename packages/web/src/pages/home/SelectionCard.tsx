import { useEffect, useState } from 'react';
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeSelectionRound } from '@jiaowu/contracts';
import { formatDateTime } from './home-api.ts';

/** Whole days, hours, minutes and seconds until `at` (never negative). */
function parts(at: string, now: number) {
  let s = Math.max(0, Math.floor((Date.parse(at) - now) / 1000));
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  return { d, h, m, s: s - m * 60 };
}

/** The clock of the countdown: once a second while a round is still to open. */
function useNow(ticking: boolean) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/** 选课: the rounds a student takes part in, with a countdown to their opening and a way in when open. */
export function SelectionCard({ rounds }: { rounds: HomeSelectionRound[] }) {
  const { t } = useTranslation();
  const now = useNow(rounds.some((r) => Date.parse(r.opensAt) > Date.now()));
  return (
    <Card title={t('homex.selection.title')} size="small" data-testid="home-selection">
      <List
        dataSource={rounds}
        rowKey={(r) => r.id}
        renderItem={(r) => {
          const open = Date.parse(r.opensAt) <= now;
          const left = parts(open ? r.closesAt : r.opensAt, now);
          return (
            <List.Item
              actions={
                open
                  ? [
                      <Link key="go" to="/selection">
                        <Button type="primary" size="small">
                          {t('homex.selection.go')}
                        </Button>
                      </Link>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    {r.name}
                    <Tag color={open ? 'green' : 'blue'}>{t(`homex.selection.mode.${r.mode}`)}</Tag>
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={0}>
                    <Typography.Text strong data-testid="selection-countdown">
                      {t(open ? 'homex.selection.closesIn' : 'homex.selection.opensIn', left)}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {formatDateTime(r.opensAt)} – {formatDateTime(r.closesAt)}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
