import { Card, Col, Row, Statistic } from 'antd';
import { BookOutlined, FileTextOutlined, HomeOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { HomeNumbers } from '@jiaowu/contracts';
import { useSession } from '../../auth/session.tsx';

type Key = keyof HomeNumbers;

const CARDS: { key: Key; path: string; icon: React.ReactNode }[] = [
  { key: 'students', path: '/students', icon: <TeamOutlined /> },
  { key: 'teachers', path: '/teachers', icon: <UserOutlined /> },
  { key: 'teachingClasses', path: '/teaching-classes', icon: <BookOutlined /> },
  { key: 'requests', path: '/course-requests', icon: <FileTextOutlined /> },
  { key: 'rooms', path: '/rooms', icon: <HomeOutlined /> },
];

/** The term's key numbers in the reader's scope; a teacher's read as "my students" and "my teaching classes". */
export function NumbersRow({ numbers }: { numbers: HomeNumbers }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { scopeOf } = useSession();
  const label = (key: Key) => {
    if (key === 'students' && scopeOf('students.read') === 'teaching') return t('homex.numbers.myStudents');
    if (key === 'teachingClasses' && scopeOf('offerings.read') === 'teaching') return t('homex.numbers.myClasses');
    return t(`homex.numbers.${key}`);
  };
  const scoped = (key: Key) =>
    (key === 'students' && scopeOf('students.read') === 'college') || (key === 'teachers' && scopeOf('teachers.read') === 'college');
  const shown = CARDS.filter((c) => numbers[c.key] !== null);
  return (
    <Row gutter={[16, 16]}>
      {shown.map((c) => (
        <Col key={c.key} flex="1 1 170px">
          <Card hoverable onClick={() => void navigate(c.path)} data-testid={`count-${c.key}`}>
            <Statistic
              title={scoped(c.key) ? `${label(c.key)}${t('homex.numbers.collegeScope')}` : label(c.key)}
              value={numbers[c.key] ?? 0}
              prefix={c.icon}
              valueStyle={{ whiteSpace: 'nowrap' }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
