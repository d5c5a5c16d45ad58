import type { BulkResult, CheckFinding, CheckKind, CheckResolveInput, CheckStatus, ChecksPage, ChecksRunResult } from '@jiaowu/contracts';
import { download, get, post, uploadWithProgress } from './client.ts';

/** 选课审核 and 批量选课/退课 (server: modules/selection/office-tools.routes.ts). */
export const selectionChecks = {
  list: (roundId: number, query: { kind?: CheckKind; status?: CheckStatus; page: number; pageSize: number }) =>
    get<ChecksPage>(`/selection/rounds/${roundId}/checks`, query),
  run: (roundId: number) => post<ChecksRunResult>(`/selection/rounds/${roundId}/checks`),
  resolve: (id: number, body: CheckResolveInput) => post<CheckFinding>(`/selection/checks/${id}/resolve`, body),
  template: (format: 'xlsx' | 'csv', fallbackName: string) => download('/selection/bulk-template', { format }, fallbackName),
  bulk: (roundId: number, file: File, dryRun: boolean, onProgress: (sent: number) => void) => {
    const formData = new FormData();
    formData.append('file', file, file.name);
    return uploadWithProgress<BulkResult>(`/selection/rounds/${roundId}/bulk`, formData, { dryRun }, onProgress);
  },
};
