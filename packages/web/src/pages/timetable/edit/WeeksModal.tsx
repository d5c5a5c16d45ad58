import { useState } from 'react';
import { Button, Checkbox, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Edits the weeks of one lecture: a checkbox per week of the term, with 全部 / 单周 / 双周 shortcuts. */
export function WeeksModal({
  name,
  termWeeks,
  initial,
  onOk,
  onCancel,
  saving,
}: {
  name: string;
  termWeeks: number;
  initial: number[];
  onOk: (weeks: number[]) => void;
  onCancel: () => void;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const [weeks, setWeeks] = useState<number[]>(initial);
  const all = Array.from({ length: termWeeks }, (_, i) => i + 1);
  // The shortcuts keep to the span the lecture had (1–16 in an 18-week term stays 1–16).
  const last = Math.max(...initial, 1);
  const upTo = all.filter((w) => w <= last);
  return (
    <Modal
      open
      title={t('ttedit.weeksModal.title', { name })}
      onCancel={onCancel}
      onOk={() => onOk(weeks)}
      okButtonProps={{ disabled: weeks.length === 0, loading: saving }}
      destroyOnHidden
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Button size="small" onClick={() => setWeeks(upTo)}>
          {t('ttedit.weeksModal.all')}
        </Button>
        <Button size="small" onClick={() => setWeeks(upTo.filter((w) => w % 2 === 1))}>
          {t('ttedit.weeksModal.odd')}
        </Button>
        <Button size="small" onClick={() => setWeeks(upTo.filter((w) => w % 2 === 0))}>
          {t('ttedit.weeksModal.even')}
        </Button>
        <Button size="small" onClick={() => setWeeks([])}>
          {t('ttedit.weeksModal.clear')}
        </Button>
      </Space>
      <Checkbox.Group
        value={weeks}
        onChange={(v) => setWeeks([...v].sort((a, b) => a - b))}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(6, 1fr)', gap: 6 }}
        options={all.map((w) => ({ value: w, label: t('ttedit.weeksModal.week', { n: w }) }))}
      />
      {weeks.length === 0 && <Typography.Text type="danger">{t('ttedit.weeksModal.none')}</Typography.Text>}
    </Modal>
  );
}
