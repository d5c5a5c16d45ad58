import { useState } from 'react';
import { Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPrerequisites, parsePrerequisites, prerequisiteExpr, type PrerequisiteExpr } from '@jiaowu/contracts';

function Tree({ expr }: { expr: PrerequisiteExpr }) {
  const { t } = useTranslation();
  if ('course' in expr) return <Tag color="blue">{expr.course}</Tag>;
  return (
    <span style={{ border: '1px dashed #d9d9d9', borderRadius: 4, padding: '2px 4px', display: 'inline-block', margin: 2 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {expr.op === 'all' ? t('courses.allOf') : t('courses.anyOf')}:{' '}
      </Typography.Text>
      {expr.items.map((e, i) => (
        <Tree key={i} expr={e} />
      ))}
    </span>
  );
}

/** The prerequisite expression as text (`MA101 & (CS101 | CS102)`), parsed live and shown as an all-of / any-of tree. */
export function PrereqInput({
  value,
  onChange,
  id,
}: {
  value?: PrerequisiteExpr | null;
  onChange?: (v: PrerequisiteExpr | null) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => formatPrerequisites(value ?? null));
  const [bad, setBad] = useState(false);
  const update = (s: string) => {
    setText(s);
    try {
      const expr = parsePrerequisites(s);
      const ok = expr === null || prerequisiteExpr.safeParse(expr).success;
      setBad(!ok);
      if (ok) onChange?.(expr);
    } catch {
      setBad(true);
    }
  };
  const shown = bad
    ? null
    : (() => {
        try {
          return parsePrerequisites(text);
        } catch {
          return null;
        }
      })();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input
        id={id}
        value={text}
        onChange={(e) => update(e.target.value)}
        status={bad ? 'error' : undefined}
        placeholder="MA101 & (CS101 | CS102)"
        data-testid="field-prerequisites"
      />
      {bad ? (
        <Typography.Text type="danger">{t('courses.prereqInvalid')}</Typography.Text>
      ) : (
        shown && (
          <div>
            {t('courses.prereqParsed')}: <Tree expr={shown} />
          </div>
        )
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('courses.prereqHint')}
      </Typography.Text>
    </Space>
  );
}
