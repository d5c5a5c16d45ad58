import { useState } from 'react';
import { Modal, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EXAM_EXPORT_OWNERS, type ExamExportOwner } from '@jiaowu/contracts';
import { ApiSelect } from '../../../components/ApiSelect.tsx';
import { ScheduleDownload } from '../ScheduleDownload.tsx';

const PATH: Record<ExamExportOwner, string> = { college: '/colleges', room: '/rooms', student: '/students', teacher: '/teachers' };
const ORDER: ExamExportOwner[] = ['college', 'room', 'student', 'teacher'];

/** The office prints the published exam schedule of any college, room, student or teacher of the term. */
export function ScheduleExportModal({ open, termId, onClose }: { open: boolean; termId: number | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ExamExportOwner>('college');
  const [ownerId, setOwnerId] = useState<number | undefined>();
  return (
    <Modal
      open={open}
      title={t('exams.exportSchedule.title')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      data-testid="exam-schedule-export"
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('exams.exportSchedule.help')}</Typography.Text>
        <Segmented<ExamExportOwner>
          value={kind}
          options={ORDER.filter((k) => EXAM_EXPORT_OWNERS.includes(k)).map((k) => ({
            value: k,
            label: t(`exams.exportSchedule.owners.${k}`),
          }))}
          onChange={(k) => {
            setKind(k);
            setOwnerId(undefined);
          }}
          data-testid="exam-schedule-kind"
        />
        <ApiSelect
          key={kind}
          path={PATH[kind]}
          value={ownerId}
          onChange={setOwnerId}
          placeholder={t('exams.exportSchedule.pick')}
          style={{ width: '100%' }}
          data-testid="exam-schedule-owner"
        />
        <ScheduleDownload termId={termId} ownerKind={kind} ownerId={ownerId} />
      </Space>
    </Modal>
  );
}
