import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { WIZARD_IMPORT_KINDS, type WizardImportKind } from '../../api/endpoints.ts';
import { ImportWizard } from '../../components/ImportWizard.tsx';

export function ImportsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const kind = params.get('kind');
  const initial = WIZARD_IMPORT_KINDS.includes(kind as WizardImportKind) ? (kind as WizardImportKind) : undefined;
  return (
    <Card title={t('imports.title')}>
      <ImportWizard key={initial} initialKind={initial} />
    </Card>
  );
}
