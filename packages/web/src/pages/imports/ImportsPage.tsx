import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IMPORT_KINDS, type ImportKind } from '@jiaowu/contracts';
import { ImportWizard } from '../../components/ImportWizard.tsx';

export function ImportsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const kind = params.get('kind');
  const initial = IMPORT_KINDS.includes(kind as ImportKind) ? (kind as ImportKind) : undefined;
  return (
    <Card title={t('imports.title')}>
      <ImportWizard key={initial} initialKind={initial} />
    </Card>
  );
}
