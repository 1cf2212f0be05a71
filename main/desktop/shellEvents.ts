// Feeds the engine's change events to what lives outside the window: the tray's counts and the notifications.
// It receives exactly what the window receives (the same checked contract events), so the two cannot disagree.
import type { EventName, EventPayload } from '../../shared/contract';
import type { Handlers } from '../ipc/dispatcher';
import type { NotificationPolicy, NotificationRequest } from './notifications';
import { outboxSize, type TrayCounts } from './tray';

export interface ShellTargets {
  updateTray(counts: Partial<TrayCounts>): void;
  notify(request: NotificationRequest): void;
  policy: NotificationPolicy;
}

export function shellEventSink(targets: ShellTargets) {
  return <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    if (name === 'faxes:onDidChange') {
      const change = payload as EventPayload<'faxes:onDidChange'>;
      targets.updateTray({ unreadFaxes: change.unread });
      targets.policy.onFaxesChanged(change).forEach(targets.notify);
    } else if (name === 'messages:onDidChange') {
      const change = payload as EventPayload<'messages:onDidChange'>;
      targets.updateTray({ outbox: outboxSize(change.counts), failed: change.counts.failed });
      targets.policy.onMessagesChanged(change).forEach(targets.notify);
    }
  };
}

/** The counts at startup, before any change event; a part of the engine that is not there yet counts as zero. */
export async function initialTrayCounts(handlers: Pick<Handlers, 'messages:counts' | 'faxes:list'>): Promise<Partial<TrayCounts>> {
  const context = { sender: { transport: 'memory' as const, url: 'faxdesk:main' } };
  // A handler may throw before it returns a promise (E_UNAVAILABLE): the async wrappers turn that into a rejection.
  const [counts, unread] = await Promise.allSettled([
    (async () => handlers['messages:counts']({}, context))(),
    (async () => handlers['faxes:list']({ unreadOnly: true, limit: 1 }, context))(),
  ]);
  return {
    ...(counts.status === 'fulfilled' ? { outbox: outboxSize(counts.value), failed: counts.value.failed } : {}),
    ...(unread.status === 'fulfilled' ? { unreadFaxes: unread.value.total } : {}),
  };
}
