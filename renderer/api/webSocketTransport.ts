// The browser mode's transport: contract calls and events over the WebSocket of `faxdesk serve`.
import type { ClientTransport } from '../../shared/api';
import type { EventName, MethodName } from '../../shared/contract';
import { webSocketPath, type ServerFrame } from '../../shared/contract/wire';
import { err, type Result } from '../../shared/result';

type SocketLike = Pick<WebSocket, 'send' | 'close' | 'readyState' | 'addEventListener'>;
export type SocketFactory = (url: string) => SocketLike;

export interface WebSocketTransport extends ClientTransport {
  ready: Promise<void>;
  close(): void;
  onDidClose(listener: (reason: string) => void): void;
}

export function webSocketUrl(pageOrigin: string, token: string): string {
  const url = new URL(webSocketPath, pageOrigin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  return url.toString();
}

export function createWebSocketTransport(url: string, open: SocketFactory = (target) => new WebSocket(target)): WebSocketTransport {
  const socket = open(url);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const closeListeners: Array<(reason: string) => void> = [];
  let nextId = 1;
  let closed = false;

  const ready = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error('faxdesk did not accept the connection (is the link still valid?)')));
  });
  socket.addEventListener('message', (event: MessageEvent) => {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(event.data)) as ServerFrame;
    } catch {
      return;
    }
    if (frame.t === 'reply') {
      pending.get(frame.id)?.(frame.result as Result<unknown>);
      pending.delete(frame.id);
    } else if (frame.t === 'event') {
      listeners.get(frame.event)?.forEach((listener) => listener(frame.payload));
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) resolve(err('E_UNAVAILABLE', 'The connection to faxdesk was closed.'));
    pending.clear();
    closeListeners.forEach((listener) => listener('The connection to faxdesk was closed.'));
  });

  return {
    ready,
    async invoke(method: MethodName, params: unknown) {
      await ready;
      if (closed) return err('E_UNAVAILABLE', 'The connection to faxdesk is closed; reload the page.');
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ t: 'call', id, method, params }));
      });
    },
    subscribe(event: EventName, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    close: () => socket.close(),
    onDidClose: (listener) => closeListeners.push(listener),
  };
}
