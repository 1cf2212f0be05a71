// What the whole window keeps live from main's events: the outbox counts, the unread faxes, the preferences.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { FaxdeskApi } from '../../shared/api';
import type { MessageCounts, PrefsView } from '../../shared/contract';

export interface Live {
  counts: MessageCounts | null;
  unread: number | null;
  prefs: PrefsView | null;
}

const LiveContext = createContext<Live>({ counts: null, unread: null, prefs: null });

export function LiveProvider({ api, children }: { api: FaxdeskApi; children: ReactNode }) {
  const [live, setLive] = useState<Live>({ counts: null, unread: null, prefs: null });
  useEffect(() => {
    const set = (change: Partial<Live>) => setLive((current) => ({ ...current, ...change }));
    const disposers = [
      api.messages.onDidChange(({ counts }) => set({ counts })),
      api.faxes.onDidChange(({ unread }) => set({ unread })),
      api.prefs.onDidChange((prefs) => set({ prefs })),
    ];
    // Until the engine's handlers answer, these stay null and the sidebar simply shows no counts.
    void api.messages.counts().then((result) => result.ok && set({ counts: result.value }));
    void api.faxes.list({ unreadOnly: true, limit: 1 }).then((result) => result.ok && set({ unread: result.value.total }));
    void api.prefs.get().then((result) => result.ok && set({ prefs: result.value }));
    return () => disposers.forEach((dispose) => dispose());
  }, [api]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

export function useLive(): Live {
  return useContext(LiveContext);
}

/** Messages that still need something to happen: what the Outbox lists. */
export function outboxCount(counts: MessageCounts): number {
  return counts.queued + counts.sending + counts.retryWait + counts.held + counts.failed;
}
