import { Suspense, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Spin, Typography, type MenuProps } from 'antd';
import { KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.tsx';
import { useLabels } from '../i18n/labels.ts';
import { HeaderBell } from './HeaderBell.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useIsApprover } from '../pages/workflow/useApprover.ts';
import { buildMenu, menuPaths, selectedKey } from './menu.tsx';

const { Header, Sider, Content } = Layout;

/** The signed-in frame: role-based menu (a drawer on phones), header with user, language, logout. */
export function AppLayout() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { me, scopeOf, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const isStudent = me?.user.studentId != null || !!me?.user.roles.some((r) => r.roleCode === 'student');
  const mustChange = !!me?.user.mustChangePassword;
  const isApprover = useIsApprover();
  const items = useMemo(
    () => (mustChange ? [] : buildMenu({ t, labels, scopeOf, isStudent, isApprover })),
    [t, labels.lang, scopeOf, isStudent, isApprover, mustChange],
  );
  // Open only the group of the current page, so the menu fits on a laptop screen.
  const selected = selectedKey(location.pathname, menuPaths(items));
  const currentGroup = items.find((i) => i.children?.some((c) => c.key === selected))?.key;
  const [openKeys, setOpenKeys] = useState<string[]>(currentGroup ? [currentGroup] : []);
  useEffect(() => {
    if (currentGroup) setOpenKeys((keys) => (keys.includes(currentGroup) ? keys : [...keys, currentGroup]));
  }, [currentGroup]);

  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      items={items as MenuProps['items']}
      selectedKeys={selected ? [selected] : []}
      openKeys={collapsed && !isMobile ? undefined : openKeys}
      onOpenChange={setOpenKeys}
      onClick={({ key }) => {
        void navigate(key);
        setDrawerOpen(false);
      }}
      data-testid="main-menu"
    />
  );

  const brand = (
    <div style={{ color: '#fff', fontWeight: 600, fontSize: 18, padding: '16px 20px', whiteSpace: 'nowrap', overflow: 'hidden' }}>
      {collapsed && !isMobile ? t('app.short') : t('app.name')}
    </div>
  );

  const userMenu = {
    items: [
      { key: 'account', icon: <UserOutlined />, label: t('menu2.account') },
      { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
      { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
    ],
    onClick: async ({ key }: { key: string }) => {
      if (key === 'password') void navigate('/change-password');
      if (key === 'account') void navigate('/account');
      if (key === 'logout') {
        await logout();
        void navigate('/login');
      }
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
        >
          {brand}
          {menu}
        </Drawer>
      ) : (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} data-testid="side-menu">
          {/* The Sider stretches with the page (its dark column reaches the bottom of a long page,
              also in a full-page print or screenshot); brand and menu stay in view while scrolling.
              48 px: the collapse button fixed at the bottom. */}
          <div className="side-menu-sticky">
            {brand}
            <div style={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>{menu}</div>
          </div>
        </Sider>
      )}
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: isMobile ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {isMobile && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('header.menu')}
              onClick={() => setDrawerOpen(true)}
              data-testid="menu-toggle"
            />
          )}
          {isMobile && (
            <Typography.Text strong data-testid="phone-brand">
              {t('app.name')}
            </Typography.Text>
          )}
          <div style={{ flex: 1 }} />
          <Space size={isMobile ? 8 : 16}>
            {!mustChange && <HeaderBell />}
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {isMobile ? null : me?.user.displayName}
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ margin: isMobile ? 8 : 24 }}>
          <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
