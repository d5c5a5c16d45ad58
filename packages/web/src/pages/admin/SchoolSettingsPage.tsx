import { App, Button, Card, Form, Select, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTimeIn, schoolSettingsInput, type SchoolSettings } from '@jiaowu/contracts';
import { ApiError, put } from '../../api/client.ts';
import { QueryView } from '../../components/QueryState.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { showApiFieldErrors, validateWith, clearErrorsOnEdit } from '../../lib/form-errors.ts';
import { fetchSchoolSettings, SCHOOL_SETTINGS_KEY } from '../../lib/SchoolTimeZone.tsx';

/** Every zone the browser knows (IANA names), for the picker; the server checks the name again. */
const ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Shanghai'];

/** The school's settings: its time zone, in which every page, notification and email shows times. */
export function SchoolSettingsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SchoolSettings>();
  const query = useQuery({ queryKey: SCHOOL_SETTINGS_KEY, queryFn: fetchSchoolSettings });
  const zone = Form.useWatch('timeZone', form) ?? query.data?.timeZone;
  const save = async () => {
    const parsed = validateWith(form, schoolSettingsInput, form.getFieldsValue(), labels);
    if (!parsed) return;
    try {
      await put<SchoolSettings>('/settings/school', parsed);
      message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: SCHOOL_SETTINGS_KEY });
    } catch (e) {
      showApiFieldErrors(form, e);
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  return (
    <Card title={t('flowsx.school.title')}>
      <QueryView query={query}>
        {(data) => (
          <Form form={form} onValuesChange={clearErrorsOnEdit(form)} layout="vertical" style={{ maxWidth: 520 }} initialValues={data}>
            <Form.Item name="timeZone" label={t('flowsx.school.timeZone')} extra={t('flowsx.school.timeZoneHelp')}>
              <Select showSearch options={ZONES.map((z) => ({ value: z, label: z }))} data-testid="school-time-zone" />
            </Form.Item>
            {zone && (
              <Typography.Paragraph type="secondary">
                {t('flowsx.school.example', { now: formatDateTimeIn(new Date(), zone) })}
              </Typography.Paragraph>
            )}
            <Button type="primary" onClick={() => void save()}>
              {t('common.save')}
            </Button>
          </Form>
        )}
      </QueryView>
    </Card>
  );
}
