import { useState } from 'react';
import { Button, Card, Space, Typography } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { RESOURCES, type ResourceKey } from '@jiaowu/contracts';
import type { Row } from '../../api/endpoints.ts';
import { useSession } from '../../auth/session.tsx';
import { ResourceForm } from '../../components/ResourceForm.tsx';
import { ResourceTable } from '../../components/ResourceTable.tsx';
import { useLabels } from '../../i18n/labels.ts';

/** The generic list + create/edit page of one organisation resource. */
export function ResourcePage({ resource }: { resource: ResourceKey }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { can } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const spec = RESOURCES[resource];
  const canManage = can(spec.manage);
  const [editing, setEditing] = useState<Row | null | undefined>(undefined);

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {labels.resource(resource)}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          {spec.importable && can('imports.run') && (
            <Button icon={<UploadOutlined />} onClick={() => void navigate(`/imports?kind=${resource}`)}>
              {t('menu.imports')}
            </Button>
          )}
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="create-button">
              {t('common.create')}
            </Button>
          )}
        </Space>
      }
    >
      <ResourceTable key={resource} resource={resource} canManage={canManage} onEdit={setEditing} />
      {canManage && (
        <ResourceForm
          resource={resource}
          row={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void qc.invalidateQueries({ queryKey: ['list', resource] });
            void qc.invalidateQueries({ queryKey: ['ref', resource] });
          }}
        />
      )}
    </Card>
  );
}
