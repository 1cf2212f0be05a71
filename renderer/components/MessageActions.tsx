// "Retry now", "Cancel" and "Release" for one message, offered only in the states where main allows them.
import { useState } from 'react';
import type { MessageSummary } from '../../shared/contract';
import { useApi } from '../api/ApiContext';

type Action = 'retry' | 'cancel' | 'release';

export function allowedActions(message: Pick<MessageSummary, 'state'>): Action[] {
  switch (message.state) {
    case 'retry-wait':
    case 'failed':
      return ['retry', 'cancel'];
    case 'held':
      return ['release', 'retry', 'cancel'];
    case 'queued':
      return ['cancel'];
    default:
      return [];
  }
}

const labels: Record<Action, string> = { retry: 'Retry now', cancel: 'Cancel', release: 'Release' };

export function MessageActions({ message, onDone }: { message: MessageSummary; onDone?(updated: MessageSummary): void }) {
  const api = useApi();
  const [busy, setBusy] = useState<Action>();
  const [error, setError] = useState<string>();
  const run = async (action: Action) => {
    setBusy(action);
    setError(undefined);
    const result = await api.messages[action]({ id: message.id });
    setBusy(undefined);
    if (result.ok) onDone?.(result.value);
    else setError(result.error.message);
  };
  const actions = allowedActions(message);
  if (actions.length === 0) return null;
  return (
    <span className="actions">
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          disabled={!!busy}
          onClick={() => void run(action)}
          aria-label={`${labels[action]}: ${message.subject}`}
          className={action === 'cancel' ? 'danger' : undefined}
        >
          {busy === action ? `${labels[action]}…` : labels[action]}
        </button>
      ))}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
