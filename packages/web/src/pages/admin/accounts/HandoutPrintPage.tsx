import { Button, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../../lib/time.ts';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { accounts } from '../../../api/endpoints.ts';
import { QueryView } from '../../../components/QueryState.tsx';

const cell: React.CSSProperties = { border: '1px solid #999', padding: '6px 10px', textAlign: 'left' };

/**
 * The handout list as a plain page to print (outside the app's frame, so only the list is on
 * paper): one row per person, the password in a monospaced font so similar letters stay apart.
 */
export function HandoutPrintPage() {
  const { t } = useTranslation();
  const jobId = Number(useParams().jobId);
  const query = useQuery({ queryKey: ['handout', jobId], queryFn: () => accounts.handoutRows(jobId) });
  return (
    <div style={{ padding: 24, background: '#fff', minHeight: '100vh' }} data-testid="handout-print">
      <QueryView query={query}>
        {(data) => (
          <>
            <Space className="no-print" style={{ marginBottom: 16 }} wrap>
              <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('accounts.print')}
              </Button>
              <Typography.Text type="secondary">{t('accounts.printUntil', { until: formatDateTime(data.expiresAt) })}</Typography.Text>
            </Space>
            <style>{'@media print { .no-print { display: none !important; } }'}</style>
            <Typography.Title level={4}>{t('accounts.printTitle')}</Typography.Title>
            <table style={{ borderCollapse: 'collapse', width: '100%' }}>
              <thead>
                <tr>
                  <th style={cell}>{t('accounts.columns.code')}</th>
                  <th style={cell}>{t('accounts.columns.name')}</th>
                  <th style={cell}>{t('accounts.group')}</th>
                  <th style={cell}>{t('accounts.columns.password')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.code}>
                    <td style={cell}>{r.code}</td>
                    <td style={cell}>{r.name}</td>
                    <td style={cell}>{r.group}</td>
                    <td style={{ ...cell, fontFamily: 'monospace', fontSize: 16 }}>{r.password ?? t('accounts.fromIdNumber')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </QueryView>
    </div>
  );
}
