import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Form, InputNumber, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Round } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { selectionOffice, type DrawResult } from '../../../api/selection-office.ts';

/**
 * 抽签: draws the seats of a closed lottery round (with a given seed or a random one, which the
 * server records) and shows the result and the seed. Once drawn, the server re-runs the recorded
 * draw with the recorded seed (writing nothing) and says whether it reproduced the result.
 */
export function DrawModal({
  open,
  round,
  recordedSeed,
  onClose,
  onDrawn,
}: {
  open: boolean;
  round: Round;
  recordedSeed: number | null;
  onClose: () => void;
  onDrawn: (result: DrawResult) => void;
}) {
  const { t } = useTranslation();
  const [seed, setSeed] = useState<number | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<DrawResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const drawn = round.status === 'drawn';

  useEffect(() => {
    if (!open) return;
    setSeed(null);
    setResult(null);
    setFailure(null);
  }, [open]);

  const run = async () => {
    setRunning(true);
    setFailure(null);
    try {
      const r = await selectionOffice.draw(round.id, drawn ? undefined : (seed ?? undefined));
      setResult(r);
      onDrawn(r);
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('seloff.drawTitle', { name: round.name })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.close')}</Button>
          <Button type="primary" loading={running} onClick={() => void run()} data-testid="draw-run">
            {failure ? t('errors.retry') : drawn ? t('seloff.runRerun') : t('seloff.runDraw')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('seloff.drawHelp')}</Typography.Paragraph>
      {drawn ? (
        <Typography.Paragraph data-testid="draw-rerun-help">
          {recordedSeed === null ? t('seloff.rerunHelp') : t('seloff.rerunHelpSeed', { seed: recordedSeed })}
        </Typography.Paragraph>
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('seloff.seed')} extra={t('seloff.seedHelp')}>
            <InputNumber
              min={0}
              max={2_147_483_647}
              precision={0}
              style={{ width: 200 }}
              value={seed}
              onChange={(v) => setSeed(v)}
              data-testid="draw-seed"
            />
          </Form.Item>
        </Form>
      )}
      {failure && <Alert type="error" showIcon title={failure} data-testid="draw-error" />}
      {result && (
        <>
          <Alert
            type={result.sameAsRecorded === false ? 'warning' : 'success'}
            showIcon
            data-testid="draw-verdict"
            title={
              result.sameAsRecorded === null
                ? t('seloff.firstDraw')
                : result.sameAsRecorded
                  ? t('seloff.sameAsRecorded')
                  : t('seloff.differsFromRecorded')
            }
            style={{ marginBottom: 12 }}
          />
          <Descriptions size="small" column={2} bordered data-testid="draw-result">
            <Descriptions.Item label={t('seloff.drawSeed')}>
              <Typography.Text code>{result.seed}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('seloff.drawChoices')}>{result.choices}</Descriptions.Item>
            <Descriptions.Item label={t('seloff.drawWon')}>{result.won}</Descriptions.Item>
            <Descriptions.Item label={t('seloff.drawLost')}>{result.lost}</Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Modal>
  );
}
