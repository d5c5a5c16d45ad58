import type { ResourceKey } from '@jiaowu/contracts';
import type { Exporter } from '../../platform/crud/resource.export.ts';

/**
 * Spreadsheet layouts of the importable organisation resources. Exports of
 * these resources write exactly the import columns (see IMPORT_COLUMNS), so a
 * file can be exported, edited and imported back.
 */
export const ORG_EXPORTERS: Partial<Record<ResourceKey, Exporter>> = {};
