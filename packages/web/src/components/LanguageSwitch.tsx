import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGS, setLanguage, type Lang } from '../i18n/index.ts';

/** zh-CN / en switch; the choice is kept in localStorage and sent as Accept-Language. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Lang>
      size={size}
      aria-label={t('header.language')}
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      options={LANGS.map((l) => ({ value: l, label: l === 'en' ? 'EN' : '中文' }))}
      onChange={(v) => setLanguage(v)}
      data-testid="lang-switch"
    />
  );
}
