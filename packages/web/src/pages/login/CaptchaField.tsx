import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaptchaAnswer, CaptchaChallenge } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';

/**
 * The question the server sent with a refusal, if any: always with `captcha_required` /
 * `captcha_invalid`, and with any other refusal after which the next try needs an answer.
 */
export function captchaOf(e: unknown): CaptchaChallenge | null {
  if (!(e instanceof ApiError)) return null;
  const c = (e.details as { captcha?: CaptchaChallenge } | undefined)?.captcha;
  return c?.token && c.question ? c : null;
}

/** The answer to send with the form, when a question is shown. */
export const captchaAnswer = (challenge: CaptchaChallenge | null, answer: string | undefined): CaptchaAnswer | undefined =>
  challenge ? { token: challenge.token, answer: answer ?? '' } : undefined;

/**
 * A text question (arithmetic, in the interface language) with its answer field. The question is
 * the field's label, so a screen reader reads it when the field gets focus; no image, no
 * third-party service (see the server's captcha.ts).
 */
export function CaptchaField({ challenge }: { challenge: CaptchaChallenge | null }) {
  const { t } = useTranslation();
  if (!challenge) return null;
  return (
    <Form.Item
      name="captchaAnswer"
      label={
        <span>
          {t('auth2.captcha.label')}
          <span data-testid="captcha-question">{challenge.question}</span>
        </span>
      }
      extra={t('auth2.captcha.hint')}
      rules={[{ required: true, message: t('auth2.captcha.required') }]}
    >
      <Input inputMode="numeric" autoComplete="off" maxLength={8} data-testid="captcha-answer" />
    </Form.Item>
  );
}
