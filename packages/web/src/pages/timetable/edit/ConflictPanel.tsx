import { Button, Collapse, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EditGridOwner } from '@jiaowu/contracts';
import { draftEdit } from '../../../api/ttedit.ts';
import { QueryView } from '../../../components/QueryState.tsx';

/** The conflict report of a draft: hard violations, then broken preferences, grouped by rule; each opens its owner in the grid. */
export function ConflictPanel({ draftId, onOpen }: { draftId: number; onOpen: (owner: EditGridOwner) => void }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['ttedit', draftId, 'conflicts'], queryFn: () => draftEdit.conflicts(draftId) });
  return (
    <QueryView query={query}>
      {(report) => (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="conflict-report">
          <Space>
            <Tag color={report.hard ? 'red' : 'green'}>{t('ttedit.conflicts.hard', { n: report.hard })}</Tag>
            <Tag color={report.soft ? 'gold' : 'green'}>{t('ttedit.conflicts.soft', { n: report.soft })}</Tag>
          </Space>
          {report.groups.length === 0 ? (
            <Typography.Text type="secondary">{t('ttedit.conflicts.none')}</Typography.Text>
          ) : (
            <Collapse
              defaultActiveKey={report.groups.filter((g) => g.severity === 'hard').map((g) => g.rule)}
              items={report.groups.map((g) => ({
                key: g.rule,
                label: (
                  <Space>
                    <Tag color={g.severity === 'hard' ? 'red' : 'gold'}>
                      {g.severity === 'hard' ? t('ttedit.conflicts.hardTag') : t('ttedit.conflicts.softTag')}
                    </Tag>
                    {g.title}
                    <Typography.Text type="secondary">({g.count})</Typography.Text>
                  </Space>
                ),
                children: (
                  <List
                    size="small"
                    dataSource={g.items}
                    renderItem={(item) => (
                      <List.Item
                        actions={
                          item.owner
                            ? [
                                <Button key="open" type="link" size="small" onClick={() => onOpen(item.owner!)}>
                                  {t('ttedit.conflicts.open')}
                                </Button>,
                              ]
                            : []
                        }
                      >
                        {item.text}
                      </List.Item>
                    )}
                  />
                ),
              }))}
            />
          )}
        </Space>
      )}
    </QueryView>
  );
}
