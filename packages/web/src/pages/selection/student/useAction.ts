import { useState } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MAX_BUSY_TRIES, isBusy, type RetryOptions } from '../../../api/selection.ts';
import { useErrorReason } from '../../../components/QueryState.tsx';

/** Where an action is: not running, sent, or refused as busy and waiting to be sent again. */
export type ActionPhase = { kind: 'idle' } | { kind: 'sending'; action: string } | { kind: 'queued'; action: string; attempt: number };

/**
 * Runs one selection action of a card or a list line: shows "queued, retrying" while the server
 * answers 429, then the outcome in a toast naming the class, and a refusal also where the user
 * acted (`error`). The class list and the student's selection are reloaded either way — a refusal
 * often means the seats changed — with the last answer kept on screen meanwhile.
 */
export function useSelectionAction() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<ActionPhase>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);

  async function run<T>(opts: {
    action: string;
    /** Names the class in the toasts ("CS201-01 数据结构"). */
    name: string;
    send: (retry: RetryOptions) => Promise<T>;
    done: (result: T) => string;
  }): Promise<boolean> {
    setPhase({ kind: 'sending', action: opts.action });
    setError(null);
    try {
      const result = await opts.send({ onQueued: (attempt) => setPhase({ kind: 'queued', action: opts.action, attempt }) });
      void message.success(opts.done(result));
      return true;
    } catch (e) {
      const text = isBusy(e) ? t('selstu.busyGaveUp', { n: MAX_BUSY_TRIES }) : reason(e);
      setError(text);
      void message.error(t('selstu.refused', { name: opts.name, reason: text }));
      return false;
    } finally {
      setPhase({ kind: 'idle' });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['selection-classes'] }),
        queryClient.invalidateQueries({ queryKey: ['selection-me'] }),
      ]);
    }
  }

  /** The label of a button: its own words, or "sending…" / "queued, retrying…" while it runs. */
  const label = (action: string, words: string) => {
    if (phase.kind === 'queued' && phase.action === action) return t('selstu.queued');
    if (phase.kind === 'sending' && phase.action === action) return t('selstu.sending');
    return words;
  };

  return { run, phase, busy: phase.kind !== 'idle', error, clearError: () => setError(null), label };
}
