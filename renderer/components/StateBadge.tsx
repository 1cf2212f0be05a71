// A message's delivery state as a small coloured badge with its name in words (colour is never the only cue).
import type { MessageState } from '../../shared/contract';
import { stateLabels } from '../format';

export function StateBadge({ state }: { state: MessageState | 'not-routed' | null }) {
  const name = state ?? 'not-routed';
  return <span className={`badge state-${name}`}>{name === 'not-routed' ? 'Not routed' : stateLabels[name]}</span>;
}
