import { Button, Card, Space } from 'antd';
import {
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CheckSquareOutlined,
  FileAddOutlined,
  FileSearchOutlined,
  IdcardOutlined,
  MailOutlined,
  PartitionOutlined,
  SafetyOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Permission, Scope } from '@jiaowu/contracts';
import { useSession } from '../../auth/session.tsx';

interface Action {
  key: string;
  path: string;
  icon: React.ReactNode;
  /** Offered when this holds for the user's permissions. */
  when: (scopeOf: (p: Permission) => Scope | undefined, isStudent: boolean, approves: boolean) => boolean;
}

/**
 * Quick actions by what the user may do, so each role finds its daily work:
 * a student their record, a teacher their classes and students, a secretary
 * their requests and imports, the office the overview and flows, an admin
 * users and mail, a leader the metrics.
 */
const ACTIONS: Action[] = [
  { key: 'profile', path: '/me', icon: <IdcardOutlined />, when: (_s, isStudent) => isStudent },
  { key: 'inbox', path: '/inbox', icon: <CheckSquareOutlined />, when: (_s, _student, approves) => approves },
  { key: 'myRequests', path: '/inbox', icon: <FileSearchOutlined />, when: (_s, isStudent) => isStudent },
  { key: 'newRequest', path: '/course-requests', icon: <FileAddOutlined />, when: (s) => s('offerings.file') !== undefined },
  { key: 'myClasses', path: '/teaching-classes', icon: <BookOutlined />, when: (s) => s('offerings.read') === 'teaching' },
  { key: 'myStudents', path: '/students', icon: <TeamOutlined />, when: (s) => s('students.read') === 'teaching' },
  { key: 'pendingReviews', path: '/course-requests', icon: <FileSearchOutlined />, when: (s) => s('offerings.file') === 'college' },
  { key: 'requestsSummary', path: '/course-requests', icon: <FileSearchOutlined />, when: (s) => s('offerings.read') === 'all' },
  { key: 'import', path: '/imports', icon: <UploadOutlined />, when: (s) => s('imports.run') !== undefined },
  { key: 'flows', path: '/flows', icon: <PartitionOutlined />, when: (s) => s('workflow.read') !== undefined },
  { key: 'metrics', path: '/flow-metrics', icon: <BarChartOutlined />, when: (s) => s('workflow.metrics') !== undefined },
  { key: 'users', path: '/users', icon: <UserOutlined />, when: (s) => s('users.manage') !== undefined },
  { key: 'roles', path: '/roles', icon: <SafetyOutlined />, when: (s) => s('users.manage') !== undefined },
  { key: 'mail', path: '/mail-settings', icon: <MailOutlined />, when: (s) => s('settings.manage') !== undefined },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, when: (s) => s('audit.read') !== undefined },
];

/** `approves`: the user has approvals to do or holds an approving role (approver tools are not offered to others). */
export function QuickActions({ approves }: { approves: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, scopeOf } = useSession();
  const isStudent = me?.user.studentId != null;
  const actions = ACTIONS.filter((a) => a.when(scopeOf, isStudent, approves));
  return (
    <Card title={t('homex.quick.title')} data-testid="home-quick">
      <Space wrap>
        {actions.map((a) => (
          <Button key={a.key} icon={a.icon} onClick={() => void navigate(a.path)} data-testid={`quick-${a.key}`}>
            {t(`homex.quick.${a.key}`)}
          </Button>
        ))}
      </Space>
    </Card>
  );
}
