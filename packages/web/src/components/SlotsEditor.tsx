import { Button, Form, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

const DAYS = [1, 2, 3, 4, 5, 6, 7];

/** Edits a room's unavailable slots: a list of {day, fromPeriod, toPeriod}. */
export function SlotsEditor({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div data-testid="slots-editor">
          {fields.length === 0 ? (
            <Typography.Paragraph type="secondary">{t('slots.empty')}</Typography.Paragraph>
          ) : (
            <Space style={{ display: 'flex', marginBottom: 4 }}>
              <Typography.Text type="secondary" style={{ width: 96, display: 'inline-block' }}>
                {t('slots.day')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ width: 110, display: 'inline-block' }}>
                {t('slots.from')}
              </Typography.Text>
              <span style={{ width: 8 }} />
              <Typography.Text type="secondary" style={{ width: 110, display: 'inline-block' }}>
                {t('slots.to')}
              </Typography.Text>
            </Space>
          )}
          {fields.map((field) => (
            <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item name={[field.name, 'day']} rules={[{ required: true, message: t('slots.day') }]} noStyle={false}>
                <Select
                  style={{ width: 96 }}
                  placeholder={t('slots.day')}
                  options={DAYS.map((d) => ({ value: d, label: t(`weekday.${d}` as 'weekday.1') }))}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'fromPeriod']}>
                <InputNumber min={1} max={20} placeholder={t('slots.from')} style={{ width: 110 }} />
              </Form.Item>
              <span>–</span>
              <Form.Item name={[field.name, 'toPeriod']}>
                <InputNumber min={1} max={20} placeholder={t('slots.to')} style={{ width: 110 }} />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ day: 1, fromPeriod: 1, toPeriod: 2 })}>
            {t('slots.add')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
