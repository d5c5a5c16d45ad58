import { Segmented, Typography } from 'antd';
import type { RetakeMode } from '@jiaowu/contracts';
import { useTranslation } from 'react-i18next';

/**
 * 重修方式 — for a class of a course the student failed: the modes in which the server says they
 * may take it now (自学 even despite a clash), one picked. Shown above the card's actions.
 */
export function RetakePicker({ modes, value, onChange }: { modes: RetakeMode[]; value: RetakeMode; onChange: (m: RetakeMode) => void }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginTop: 6 }} data-testid="retake-picker">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('selrules.retakeHint')} · {t('selrules.retakeMode')}
      </Typography.Text>
      <div>
        <Segmented<RetakeMode>
          size="small"
          value={value}
          onChange={onChange}
          options={modes.map((m) => ({ value: m, label: t(`selrules.retakeModes.${m}`) }))}
          style={{ marginTop: 4, maxWidth: '100%', overflowX: 'auto' }}
        />
      </div>
    </div>
  );
}
