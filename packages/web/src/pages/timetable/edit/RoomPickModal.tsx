import { Button, List, Modal, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { draftEdit } from '../../../api/ttedit.ts';
import { QueryView } from '../../../components/QueryState.tsx';

/** For a drop where the lecture's room is taken: the rooms free and suitable at that slot, to pick one. */
export function RoomPickModal({
  draftId,
  lectureKey,
  day,
  startPeriod,
  onPick,
  onCancel,
}: {
  draftId: number;
  lectureKey: string;
  day: number;
  startPeriod: number;
  onPick: (roomId: number) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['ttedit-rooms', draftId, lectureKey, day, startPeriod],
    queryFn: () => draftEdit.options(draftId, lectureKey, { day, startPeriod }),
  });
  return (
    <Modal
      open
      footer={null}
      onCancel={onCancel}
      title={t('ttedit.roomModal.title', { day: t(`ttgrid.weekday.${day}`), period: startPeriod })}
    >
      <Typography.Paragraph type="secondary">{t('ttedit.roomModal.hint')}</Typography.Paragraph>
      <QueryView query={query}>
        {(data) => (
          <List
            data-testid="room-choices"
            dataSource={data.rooms}
            locale={{ emptyText: t('ttedit.roomModal.none') }}
            renderItem={(r) => (
              <List.Item
                actions={[
                  <Button key="pick" type="primary" size="small" onClick={() => onPick(r.id)}>
                    {t('ttedit.roomModal.pick')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={r.name}
                  description={
                    <>
                      {r.campusName} · {r.buildingName} · {t('ttedit.roomModal.capacity', { n: r.capacity })}
                      {r.reasons.map((x) => (
                        <Tag key={x} color="gold" style={{ marginInlineStart: 6 }}>
                          {x}
                        </Tag>
                      ))}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </QueryView>
    </Modal>
  );
}
