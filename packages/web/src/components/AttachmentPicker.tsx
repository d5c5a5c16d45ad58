import { useRef, useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, type AttachmentInfo } from '@jiaowu/contracts';
import { ApiError, api } from '../api/client.ts';

const MB = 2 ** 20;

/**
 * One file for a form (proof of a 缓考 application, evidence of a grade correction): uploaded as
 * soon as it is chosen, so the form submits only its id. The server decides what the file is;
 * its refusal (wrong type, empty) shows here in the user's language, and choosing again retries.
 */
export function AttachmentPicker({
  value,
  onChange,
  testId = 'attachment',
}: {
  value?: AttachmentInfo | null;
  onChange?: (file: AttachmentInfo | null) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (file.size > ATTACHMENT_MAX_BYTES) {
      setError(t('attachment.tooLarge', { max: ATTACHMENT_MAX_BYTES / MB }));
      return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy(true);
    try {
      onChange?.(await api<AttachmentInfo>('/attachments', { method: 'POST', formData: form }));
    } catch (e) {
      setError(t('attachment.failed', { reason: e instanceof ApiError ? e.message : t('errors.network') }));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <input
        ref={input}
        type="file"
        accept={ATTACHMENT_ACCEPT}
        hidden
        data-testid={`${testId}-input`}
        onChange={(e) => void choose(e.target.files?.[0])}
      />
      {value ? (
        <Space data-testid={`${testId}-chosen`}>
          <PaperClipOutlined />
          <Typography.Text>{value.filename}</Typography.Text>
          <Typography.Text type="secondary">{fileSize(value.size)}</Typography.Text>
          <Button size="small" type="link" onClick={() => onChange?.(null)}>
            {t('attachment.remove')}
          </Button>
        </Space>
      ) : (
        <Button icon={<PaperClipOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid={`${testId}-choose`}>
          {busy ? t('attachment.uploading') : t('attachment.choose')}
        </Button>
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          data-testid={`${testId}-error`}
          action={
            <Button size="small" onClick={() => input.current?.click()}>
              {t('attachment.retry')}
            </Button>
          }
        />
      )}
    </Space>
  );
}

/** A download link to an attachment (the browser sends the session cookie; the server checks who may read it). */
export function AttachmentLink({ file, testId }: { file: AttachmentInfo | null; testId?: string }) {
  const { t } = useTranslation();
  if (!file) return <Typography.Text type="secondary">{t('attachment.none')}</Typography.Text>;
  return (
    <a
      href={`/api/attachments/${file.id}`}
      download={file.filename}
      title={t('attachment.download', { name: file.filename })}
      data-testid={testId}
    >
      <PaperClipOutlined /> {file.filename}
    </a>
  );
}

function fileSize(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
