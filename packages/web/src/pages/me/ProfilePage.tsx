import { Alert, Card, Descriptions, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RESOURCES, type MeResponse } from '@jiaowu/contracts';
import { resources } from '../../api/endpoints.ts';
import { useSession } from '../../auth/session.tsx';
import { renderCell } from '../../components/cells.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { formatDateTime } from '../../lib/time.ts';

/**
 * /me: the signed-in person's own record, read by the id their account is linked to — a
 * student's 学籍, a teacher's staff record (工号, college, title …) — never the first row of a
 * list their role may browse. Staff without a record see their account only. Phone-friendly.
 */
export function ProfilePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const studentId = me?.user.studentId ?? null;
  const teacherId = me?.user.teacherId ?? null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {studentId != null ? (
        <OwnRecord resource="students" id={studentId} title={t('profile.record')} />
      ) : teacherId != null ? (
        <OwnRecord resource="teachers" id={teacherId} title={t('pagesx.me.staffRecord')} />
      ) : (
        <Alert type="info" showIcon message={t('pagesx.me.noStaffRecord')} data-testid="profile-no-record" />
      )}
      {me && <AccountCard me={me} />}
    </Space>
  );
}

function OwnRecord({ resource, id, title }: { resource: 'students' | 'teachers'; id: number; title: string }) {
  const labels = useLabels();
  const query = useQuery({ queryKey: ['own-record', resource, id], queryFn: () => resources.get(resource, id) });
  const fields = RESOURCES[resource].fields.filter((f) => f.kind !== 'slots');
  return (
    <Card title={title} data-testid="profile-record">
      <QueryView query={query}>
        {(row) => (
          <Descriptions column={{ xs: 1, sm: 1, md: 2 }} bordered size="small">
            {fields.map((f) => (
              <Descriptions.Item key={f.key} label={labels.field(resource, f.key)}>
                {renderCell(f, row, labels)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </QueryView>
    </Card>
  );
}

function AccountCard({ me }: { me: MeResponse }) {
  const { t } = useTranslation();
  return (
    <Card title={t('profile.account')} data-testid="profile-account">
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('users.username')}>{me.user.username}</Descriptions.Item>
        <Descriptions.Item label={t('users.displayName')}>{me.user.displayName}</Descriptions.Item>
        <Descriptions.Item label={t('users.email')}>{me.user.email ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('users.roles')}>
          {me.user.roles.map((r) => (
            <Tag key={r.roleId}>{r.roleName}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('users.lastLogin')}>
          {me.user.lastLoginAt ? formatDateTime(me.user.lastLoginAt) : '—'}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
