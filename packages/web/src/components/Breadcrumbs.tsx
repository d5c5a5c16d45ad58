import { Breadcrumb } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export interface Crumb {
  label: string;
  /** Omitted for the current page (the last crumb). */
  to?: string;
}

/**
 * Where a detail page sits: 首页 / the list it was opened from / this record. Links keep the
 * list's query string when given one (`/plans?cohort=2026`), so going back keeps the filters.
 */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useTranslation();
  return (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      data-testid="breadcrumbs"
      items={[
        {
          title: (
            <Link to="/" aria-label={t('menu.home')}>
              <HomeOutlined />
            </Link>
          ),
        },
        ...items.map((c) => ({ title: c.to ? <Link to={c.to}>{c.label}</Link> : c.label })),
      ]}
    />
  );
}
