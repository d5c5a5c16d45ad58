import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { parseSpreadsheet, type ParseLimits } from './spreadsheet-parse.ts';

// Worker-thread entry: parses uploaded files one at a time and posts each
// sheet back, or the AppError (code and params) the request thread rethrows.
// Started by parse-pool.ts with its own heap limit, so a file that exhausts
// that heap takes down only this worker.

/** A file to parse. */
export interface ParseTask {
  data: Uint8Array;
  limits: ParseLimits;
}

/** What the worker posts back. */
export type ParseReply =
  | { ok: true; sheet: Awaited<ReturnType<typeof parseSpreadsheet>> }
  | { ok: false; code: string; params: Record<string, unknown>; details?: Record<string, unknown> };

async function parse({ data, limits }: ParseTask): Promise<ParseReply> {
  try {
    return { ok: true, sheet: await parseSpreadsheet(Buffer.from(data.buffer, data.byteOffset, data.byteLength), limits) };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, code: e.code, params: e.params, details: e.details };
    return { ok: false, code: 'import_unreadable', params: { reason: String((e as Error)?.message ?? e).slice(0, 200) } };
  }
}

parentPort!.on('message', (task: ParseTask) => {
  void parse(task).then((reply) => parentPort!.postMessage(reply));
});
