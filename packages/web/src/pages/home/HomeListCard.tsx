import type { ReactNode } from 'react';
import { Button, Card, Empty, List } from 'antd';
import { useNavigate } from 'react-router';

/**
 * The home page's list cards (waiting approvals, my applications, deadlines, notifications): a
 * title, an optional "see all" link to the full page, the first few items, or why there are none.
 */
export function HomeListCard<T>({
  title,
  all,
  items,
  rowKey,
  renderItem,
  empty,
  testId,
}: {
  title: ReactNode;
  /** The page with the whole list and the link's label. */
  all?: { to: string; label: string };
  items: T[];
  rowKey: (item: T) => string | number;
  renderItem: (item: T, index: number) => ReactNode;
  empty: string;
  testId: string;
}) {
  const navigate = useNavigate();
  return (
    <Card
      title={title}
      extra={
        all && (
          <Button type="link" onClick={() => void navigate(all.to)}>
            {all.label}
          </Button>
        )
      }
      data-testid={testId}
    >
      {items.length ? (
        <List size="small" dataSource={items} rowKey={rowKey} renderItem={renderItem} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      )}
    </Card>
  );
}
