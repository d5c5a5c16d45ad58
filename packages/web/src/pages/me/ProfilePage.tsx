import { Card, Descriptions, Empty, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RESOURCES } from '@jiaowu/contracts';
import { resources } from '../../api/endpoints.ts';
import { useSession } from '../../auth/session.tsx';
import { renderCell } from '../../components/cells.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { formatDateTime } from '../../lib/time.ts';

/** A student's own record (the students list scoped to self) and account; phone-friendly. */
export function ProfilePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { me } = useSession();
  const { data, isLoading } = useQuery({
    queryKey: ['list', 'students', 'self'],
    queryFn: () => resources.list('students', { pageSize: 1 }),
  });
  const student = data?.items[0];
  const fields = RESOURCES.students.fields.filter((f) => f.kind !== 'slots');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('profile.record')} loading={isLoading} data-testid="profile-record">
        {student ? (
          <Descriptions column={{ xs: 1, sm: 1, md: 2 }} bordered size="small">
            {fields.map((f) => (
              <Descriptions.Item key={f.key} label={labels.field('students', f.key)}>
                {renderCell(f, student, labels)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ) : (
          <Empty description={t('profile.noRecord')} />
        )}
      </Card>
      <Card title={t('profile.account')}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('users.username')}>{me?.user.username}</Descriptions.Item>
          <Descriptions.Item label={t('users.displayName')}>{me?.user.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('users.email')}>{me?.user.email ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('users.roles')}>
            {me?.user.roles.map((r) => (
              <Tag key={r.roleId}>{r.roleName}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('users.lastLogin')}>
            {me?.user.lastLoginAt ? formatDateTime(me.user.lastLoginAt) : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}
