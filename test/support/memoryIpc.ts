// An in-memory stand-in for Electron's ipcMain / ipcRenderer / webContents, with structured cloning like the real
// thing, so the real bridge and preload transport run in plain Node.
import type { IpcMainLike, InvokeEventLike, WebContentsLike } from '../../main/ipc/electronBridge';
import type { IpcRendererLike } from '../../main/preload/transport';

type Handler = (event: InvokeEventLike, payload: unknown) => Promise<unknown>;
type RendererListener = (event: unknown, payload: unknown) => void;

export function createMemoryIpcPair(frameUrl: string) {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<RendererListener>>();

  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };

  const ipcRenderer: IpcRendererLike = {
    async invoke(channel, payload) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler({ senderFrame: { url: frameUrl } }, structuredClone(payload)));
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
    },
    removeListener: (channel, listener) => void listeners.get(channel)?.delete(listener),
  };

  const webContents: WebContentsLike = {
    send(channel, payload) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc-event' }, structuredClone(payload));
    },
    isDestroyed: () => false,
  };

  return { ipcMain, ipcRenderer, webContents, handlerCount: () => handlers.size, listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0 };
}
