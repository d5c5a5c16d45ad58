import { ApiError } from '../../../api/client.ts';

/** The server's words for a failure (already translated), or `network` when there was no answer. */
export function failureOf(e: unknown, network: string): string {
  return e instanceof ApiError ? e.message : network;
}
