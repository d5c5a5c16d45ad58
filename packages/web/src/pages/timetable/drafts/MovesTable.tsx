import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LectureMove } from '@jiaowu/contracts';

/** Lectures placed differently (from → to, in words). */
export function MovesTable({ items, testId }: { items: LectureMove[]; testId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table<LectureMove>
      size="small"
      rowKey="key"
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      data-testid={testId}
      columns={[
        {
          title: t('ttsolve.course'),
          render: (_, m) =>
            `${i18n.language === 'en' && m.lecture.courseNameEn ? m.lecture.courseNameEn : m.lecture.courseName} ${m.lecture.teachingClassCode}`,
        },
        { title: t('ttsolve.teachers'), render: (_, m) => m.lecture.teacherNames.join('、') },
        { title: t('ttsolve.moveFrom'), render: (_, m) => m.from?.text ?? '—' },
        { title: t('ttsolve.moveTo'), render: (_, m) => m.to?.text ?? '—' },
        { title: '', render: (_, m) => <Tag>{t(`ttsolve.moveKind.${m.kind}`)}</Tag> },
      ]}
    />
  );
}
