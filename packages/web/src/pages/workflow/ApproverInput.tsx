import { Form, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { roles } from '../../api/endpoints.ts';
import { ApiSelect } from '../../components/ApiSelect.tsx';

type Path = (string | number)[];

/** Approver of a step: a role (with scope) or one user; `allowNone` for the optional fallback. */
export function ApproverInput({ name, label, allowNone }: { name: Path; label: string; allowNone?: boolean }) {
  const { t, i18n } = useTranslation();
  const roleList = useQuery({ queryKey: ['roles'], queryFn: roles.list, staleTime: 60_000 });
  const kind = Form.useWatch(['steps', ...name, 'kind']) as string | undefined;
  const kinds = [
    ...(allowNone ? [{ value: 'none', label: t('wf.noFallback') }] : []),
    { value: 'role', label: t('wf.role') },
    { value: 'user', label: t('wf.user') },
  ];
  return (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <Space wrap>
        <Form.Item name={[...name, 'kind']} noStyle>
          <Select style={{ width: 120 }} options={kinds} />
        </Form.Item>
        {kind === 'role' && (
          <>
            <Form.Item name={[...name, 'role']} noStyle>
              <Select
                style={{ width: 180 }}
                options={(roleList.data ?? []).map((r) => ({ value: r.code, label: i18n.language === 'en' ? r.nameEn : r.nameZh }))}
              />
            </Form.Item>
            <Form.Item name={[...name, 'scope']} noStyle initialValue="all">
              <Select
                style={{ width: 130 }}
                options={[
                  { value: 'all', label: t('wf.scopeAll') },
                  { value: 'college', label: t('wf.scopeCollege') },
                  { value: 'department', label: t('wf.scopeDepartment') },
                ]}
              />
            </Form.Item>
          </>
        )}
        {kind === 'user' && (
          <Form.Item name={[...name, 'userId']} noStyle>
            <ApiSelect path="/users" label={(u) => `${String(u.displayName)} (${String(u.username)})`} style={{ width: 240 }} />
          </Form.Item>
        )}
      </Space>
    </Form.Item>
  );
}
