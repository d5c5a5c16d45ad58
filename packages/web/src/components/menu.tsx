import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BankOutlined,
  HomeOutlined,
  IdcardOutlined,
  SettingOutlined,
  TeamOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { RESOURCES, type Permission, type ResourceKey, type Scope } from '@jiaowu/contracts';
import type { Labels } from '../i18n/labels.ts';

export interface MenuEntry {
  key: string;
  label: string;
  icon?: ReactNode;
  children?: MenuEntry[];
}

const ORG: ResourceKey[] = ['terms', 'campuses', 'buildings', 'rooms', 'colleges', 'departments', 'majors', 'adminClasses'];
const PEOPLE: ResourceKey[] = ['teachers', 'students'];

/** Whether a resource's list page is offered: a `self` scope is served by the profile page instead. */
export function canBrowse(scopeOf: (p: Permission) => Scope | undefined, key: ResourceKey): boolean {
  const scope = scopeOf(RESOURCES[key].read);
  return scope !== undefined && scope !== 'self';
}

/** The menu a user sees: only entries they may use. */
export function buildMenu(opts: {
  t: TFunction;
  labels: Labels;
  scopeOf: (p: Permission) => Scope | undefined;
  isStudent: boolean;
}): MenuEntry[] {
  const { t, labels, scopeOf, isStudent } = opts;
  const can = (p: Permission) => scopeOf(p) !== undefined;
  const res = (keys: ResourceKey[]) =>
    keys.filter((k) => canBrowse(scopeOf, k)).map((k) => ({ key: `/${RESOURCES[k].path}`, label: labels.resource(k) }));
  const items: MenuEntry[] = [{ key: '/', label: t('menu.home'), icon: <HomeOutlined /> }];
  if (isStudent) items.push({ key: '/me', label: t('menu.profile'), icon: <IdcardOutlined /> });
  // Students hold org.read only so that rooms and terms can be named on their
  // own pages; the organisation lists are staff tools and stay out of their menu.
  const org = isStudent ? [] : res(ORG);
  if (org.length) items.push({ key: 'org', label: t('menu.org'), icon: <BankOutlined />, children: org });
  const people = res(PEOPLE);
  if (people.length) items.push({ key: 'people', label: t('menu.people'), icon: <TeamOutlined />, children: people });
  if (can('imports.run')) items.push({ key: '/imports', label: t('menu.imports'), icon: <UploadOutlined /> });
  if (can('audit.read')) items.push({ key: '/audit', label: t('menu.audit'), icon: <AuditOutlined /> });
  if (can('users.manage')) {
    items.push({
      key: 'system',
      label: t('menu.system'),
      icon: <SettingOutlined />,
      children: [
        { key: '/users', label: t('menu.users') },
        { key: '/roles', label: t('menu.roles') },
        { key: '/api-tokens', label: t('menu.apiTokens') },
      ],
    });
  }
  return items;
}

/** The menu key a path belongs to (`/terms/3` → `/terms`). */
export function selectedKey(pathname: string): string {
  if (pathname === '/') return '/';
  return '/' + pathname.split('/')[1];
}
