import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Radio, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClassSelectionFlagsInput, TeachingClass } from '@jiaowu/contracts';
import { patch } from '../../api/client.ts';

type Gender = TeachingClass['genderRestriction'];

/**
 * 选课限制 of a teaching class, for the office that runs selection: a PE section for one gender
 * (体育分项), a retake class 重修班. Course selection checks them on every request.
 */
export function ClassFlagsCard({ c }: { c: TeachingClass }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [gender, setGender] = useState<Gender>(c.genderRestriction);
  const [isRetakeClass, setRetake] = useState(c.isRetakeClass);
  const save = useMutation({
    mutationFn: (body: ClassSelectionFlagsInput) => patch<unknown>(`/teaching-classes/${c.id}/selection-flags`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['teaching-class', c.id] }),
  });
  const changed = gender !== c.genderRestriction || isRetakeClass !== c.isRetakeClass;
  const send = () => save.mutate({ genderRestriction: gender, isRetakeClass });
  return (
    <Card title={t('selrules.flags.title')} size="small" data-testid="class-flags">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <span>{t('selrules.flags.gender')}</span>
          <Radio.Group
            value={gender ?? 'none'}
            onChange={(e) => setGender(e.target.value === 'none' ? null : (e.target.value as Gender))}
            options={[
              { value: 'none', label: t('selrules.flags.genderNone') },
              { value: 'male', label: t('selrules.flags.male') },
              { value: 'female', label: t('selrules.flags.female') },
            ]}
          />
        </Space>
        <Checkbox checked={isRetakeClass} onChange={(e) => setRetake(e.target.checked)} data-testid="flag-retake-class">
          {t('selrules.flags.retakeClass')}
        </Checkbox>
        {save.isError && (
          <Alert
            type="error"
            showIcon
            message={t('selrules.flags.failed', { message: save.error.message })}
            action={
              <Button size="small" onClick={send}>
                {t('selrules.flags.retry')}
              </Button>
            }
          />
        )}
        {save.isSuccess && !changed && <Alert type="success" showIcon message={t('selrules.flags.saved')} />}
        <Button type="primary" disabled={!changed} loading={save.isPending} onClick={send} data-testid="flags-save">
          {t('selrules.flags.save')}
        </Button>
      </Space>
    </Card>
  );
}
