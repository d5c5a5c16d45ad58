import { Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiSelect } from '../../components/ApiSelect.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { TimeWishGrid } from './TimeWishGrid.tsx';
import { WeeksInput } from './WeeksInput.tsx';

const Hidden = () => null;

/** The fields of a course request; reviewer comments (per field) are shown under the fields they concern. */
export function RequestFields({
  isNew,
  disabled,
  comments,
  hoursHint,
}: {
  isNew: boolean;
  disabled: boolean;
  comments: Record<string, string>;
  hoursHint?: string;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = (key: string) => labels.field('courseRequests', key);
  const extra = (key: string, more?: string) => {
    const c = comments[key];
    if (!c && !more) return undefined;
    return (
      <>
        {more && <div>{more}</div>}
        {c && (
          <Typography.Text type="warning" data-testid={`comment-${key}`}>
            {t('requests.fieldComment', { text: c })}
          </Typography.Text>
        )}
      </>
    );
  };
  const teachers = Form.useWatch('teachers') as { share?: number }[] | undefined;
  const total = (teachers ?? []).reduce((s, x) => s + (Number(x?.share) || 0), 0);
  return (
    <>
      <Space wrap size="large" align="start">
        <Form.Item name="termId" label={f('termId')} required extra={extra('termId')}>
          <ApiSelect path="/terms" disabled={!isNew || disabled} style={{ width: 220 }} data-testid="field-termId" />
        </Form.Item>
        <Form.Item name="courseId" label={f('courseId')} required extra={extra('courseId')}>
          <ApiSelect
            path="/courses"
            filters={{ isActive: true }}
            disabled={!isNew || disabled}
            style={{ width: 320 }}
            data-testid="field-courseId"
          />
        </Form.Item>
      </Space>
      <Form.Item label={f('teachers')} required extra={extra('teachers', t('requests.sharesTotal', { total }))}>
        <Form.List name="teachers">
          {(items, { add, remove }) => (
            <>
              {items.map((item) => (
                <Space key={item.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[item.name, 'teacherId']} style={{ marginBottom: 8 }}>
                    <ApiSelect
                      path="/teachers"
                      disabled={disabled}
                      style={{ width: 260 }}
                      placeholder={t('requests.teacherTitle')}
                      data-testid={`field-teacher-${item.name}`}
                    />
                  </Form.Item>
                  <Form.Item name={[item.name, 'share']} style={{ marginBottom: 8 }}>
                    <InputNumber
                      disabled={disabled}
                      min={1}
                      max={100}
                      suffix="%"
                      style={{ width: 110 }}
                      data-testid={`field-share-${item.name}`}
                    />
                  </Form.Item>
                  {!disabled && <Button icon={<DeleteOutlined />} onClick={() => remove(item.name)} aria-label={t('common.remove')} />}
                </Space>
              ))}
              {!disabled && (
                <Button icon={<PlusOutlined />} onClick={() => add({ share: items.length ? undefined : 100 })} data-testid="add-teacher">
                  {t('requests.addTeacher')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Form.Item name="_teachers" noStyle>
          <Hidden />
        </Form.Item>
      </Form.Item>
      <Form.Item name="crossCollegeNote" label={f('crossCollegeNote')} extra={extra('crossCollegeNote')}>
        <Input disabled={disabled} />
      </Form.Item>
      <Space wrap size="large" align="start">
        <Form.Item name="capacity" label={f('capacity')} required extra={extra('capacity')}>
          <InputNumber disabled={disabled} min={1} max={1000} style={{ width: 140 }} data-testid="field-capacity" />
        </Form.Item>
        <Form.Item name="sessions" label={f('sessions')} required extra={extra('sessions', hoursHint ?? t('requests.sessionsHint'))}>
          <Input disabled={disabled} style={{ width: 160 }} placeholder="2+2" data-testid="field-sessions" />
        </Form.Item>
      </Space>
      <Form.Item name="adminClassIds" label={f('adminClassIds')} extra={extra('adminClassIds')}>
        <ApiSelect<number[]>
          path="/admin-classes"
          mode="multiple"
          disabled={disabled}
          style={{ width: '100%' }}
          data-testid="field-adminClassIds"
        />
      </Form.Item>
      <Form.Item label={f('targetMajors')} extra={extra('targetMajors')}>
        <Form.List name="targetMajors">
          {(items, { add, remove }) => (
            <>
              {items.map((item) => (
                <Space key={item.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[item.name, 'majorId']} style={{ marginBottom: 8 }}>
                    <ApiSelect path="/majors" disabled={disabled} style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'cohort']} style={{ marginBottom: 8 }}>
                    <InputNumber disabled={disabled} min={1990} max={2100} placeholder={t('requests.cohort')} />
                  </Form.Item>
                  {!disabled && <Button icon={<DeleteOutlined />} onClick={() => remove(item.name)} aria-label={t('common.remove')} />}
                </Space>
              ))}
              {!disabled && (
                <Button icon={<PlusOutlined />} onClick={() => add()}>
                  {t('requests.addTarget')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Form.Item name="_targetMajors" noStyle>
          <Hidden />
        </Form.Item>
      </Form.Item>
      <Form.Item label={f('weeks')} required extra={extra('weeks')}>
        <WeeksInput disabled={disabled} />
        <Form.Item name="_weeks" noStyle>
          <Hidden />
        </Form.Item>
      </Form.Item>
      <Space wrap size="large" align="start">
        <Form.Item name="roomType" label={f('roomType')} extra={extra('roomType')}>
          <Select
            disabled={disabled}
            allowClear
            style={{ width: 180 }}
            options={labels.enumOptions('roomType')}
            data-testid="field-roomType"
          />
        </Form.Item>
        <Form.Item name="roomFeatures" label={f('roomFeatures')} extra={extra('roomFeatures')}>
          <Select disabled={disabled} mode="multiple" style={{ minWidth: 240 }} options={labels.enumOptions('roomFeature')} />
        </Form.Item>
      </Space>
      <Form.Item name="timeWishes" label={f('timeWishes')} extra={extra('timeWishes')}>
        <TimeWishGrid disabled={disabled} />
      </Form.Item>
      <Form.Item name="note" label={f('note')} extra={extra('note')}>
        <Input.TextArea disabled={disabled} rows={2} />
      </Form.Item>
    </>
  );
}
