import type { GradeImportResult } from '@jiaowu/contracts';
import { api, download } from '../../../api/client.ts';

const base = '/grades/imports/historical';

export interface HistoricalImportOptions {
  dryRun: boolean;
  createMissingCourses: boolean;
  createMissingTerms: boolean;
}

/** `/api/grades/imports/historical` — 历史成绩导入 (grades.manage). */
export const historicalImportApi = {
  template: (format: 'xlsx' | 'csv') => download(`${base}/template`, { format }, `historical-grades-template.${format}`),
  run: (file: File, opts: HistoricalImportOptions) => {
    const formData = new FormData();
    formData.append('file', file, file.name);
    return api<GradeImportResult>(base, {
      method: 'POST',
      formData,
      query: {
        dryRun: String(opts.dryRun),
        createMissingCourses: String(opts.createMissingCourses),
        createMissingTerms: String(opts.createMissingTerms),
      },
    });
  },
};
