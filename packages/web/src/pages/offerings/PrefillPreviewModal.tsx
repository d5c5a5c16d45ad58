import { useEffect, useState } from 'react';
import { Alert, App, Modal, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PrefillDraft } from '@jiaowu/contracts';
import { requestTools } from '../../api/pagesx.ts';
import { QueryView, useErrorReason } from '../../components/QueryState.tsx';

/**
 * 按培养方案预填: the drafts the plans call for in the term, every one ticked;
 * only the ticked ones are created (in one transaction on the server).
 */
export function PrefillPreviewModal({ termId, open, onClose }: { termId: number | undefined; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const reason = useErrorReason();
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const query = useQuery({
    queryKey: ['prefill-preview', termId],
    queryFn: () => requestTools.preview(termId!),
    enabled: open && termId != null,
    gcTime: 0,
  });
  // Everything proposed starts ticked: unticking is the exception.
  useEffect(() => setSelected(query.data?.drafts.map((d) => d.key) ?? []), [query.data]);
  const k = (key: string, o: Record<string, unknown> = {}) => t(`pagesx.requests.preview.${key}`, o);

  const create = async () => {
    if (termId == null) return;
    setBusy(true);
    try {
      const res = await requestTools.prefill(termId, selected);
      message.success(t('requests.proposed', { created: res.created.length, skipped: res.skipped }));
      await qc.invalidateQueries({ queryKey: ['course-requests'] });
      await qc.invalidateQueries({ queryKey: ['course-request-summary'] });
      onClose();
    } catch (e) {
      message.error(reason(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={k('title')}
      width={900}
      onCancel={onClose}
      onOk={() => void create()}
      okText={k('create', { count: selected.length })}
      okButtonProps={{ disabled: !selected.length, loading: busy, id: 'prefill-create' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      data-testid="prefill-preview"
    >
      <QueryView query={query}>
        {(data) => (
          <>
            <Typography.Paragraph type="secondary">{k('intro')}</Typography.Paragraph>
            {data.skipped > 0 && (
              <Alert type="info" showIcon message={k('skipped', { count: data.skipped })} style={{ marginBottom: 12 }} />
            )}
            {data.drafts.length === 0 ? (
              <Alert type="success" showIcon message={k('empty')} />
            ) : (
              <Table<PrefillDraft>
                rowKey="key"
                size="small"
                pagination={false}
                scroll={{ x: 'max-content', y: 420 }}
                dataSource={data.drafts}
                rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
                data-testid="table-prefill"
                columns={[
                  { title: t('requests.course'), key: 'course', render: (_, d) => `${d.courseName}（${d.courseCode}）` },
                  { title: k('cohort'), dataIndex: 'cohort' },
                  { title: k('classes'), key: 'classes', render: (_, d) => d.adminClassCodes.map((c) => <Tag key={c}>{c}</Tag>) },
                  { title: k('capacity'), dataIndex: 'capacity' },
                  {
                    title: k('schedule'),
                    key: 'schedule',
                    render: (_, d) => k('scheduleValue', { sessions: d.sessions.join('+'), from: d.weeks.from, to: d.weeks.to }),
                  },
                ]}
              />
            )}
          </>
        )}
      </QueryView>
    </Modal>
  );
}
