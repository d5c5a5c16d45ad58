import { Checkbox, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { weekCount, weekMaskOf } from '@jiaowu/contracts';
import { useLabels } from '../../i18n/labels.ts';

/** Week pattern (all / odd / even / custom), range and a custom week picker, inside the request form. */
export function WeeksInput({ disabled, maxWeeks = 20 }: { disabled?: boolean; maxWeeks?: number }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const form = Form.useFormInstance();
  const weeks = Form.useWatch('weeks', form) as
    { pattern: 'all' | 'odd' | 'even' | 'custom'; from?: number; to?: number; list?: number[] } | undefined;
  const pattern = weeks?.pattern ?? 'all';
  const count = weeks ? weekCount(weekMaskOf({ pattern, from: weeks.from ?? 1, to: weeks.to ?? 16, list: weeks.list })) : 0;
  return (
    <>
      <Space wrap align="start">
        <Form.Item name={['weeks', 'pattern']} noStyle>
          <Select disabled={disabled} style={{ width: 120 }} options={labels.enumOptions('weekPattern')} data-testid="field-weekPattern" />
        </Form.Item>
        {pattern !== 'custom' && (
          <>
            <Form.Item name={['weeks', 'from']} noStyle>
              <InputNumber disabled={disabled} min={1} max={30} addonBefore={t('requests.from')} data-testid="field-weekFrom" />
            </Form.Item>
            <Form.Item name={['weeks', 'to']} noStyle>
              <InputNumber disabled={disabled} min={1} max={30} addonBefore={t('requests.to')} data-testid="field-weekTo" />
            </Form.Item>
          </>
        )}
        <Typography.Text type="secondary">{t('requests.weeksCount', { count })}</Typography.Text>
      </Space>
      {pattern === 'custom' && (
        <Form.Item name={['weeks', 'list']} style={{ marginTop: 8, marginBottom: 0 }}>
          <Checkbox.Group
            disabled={disabled}
            options={Array.from({ length: maxWeeks }, (_, i) => ({ value: i + 1, label: String(i + 1) }))}
          />
        </Form.Item>
      )}
    </>
  );
}
