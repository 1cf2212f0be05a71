// The preload's transport over ipcRenderer, written against a minimal shape so tests can run it without Electron.
// The page never sees ipcRenderer or an Electron event: only payloads, Result replies and an unsubscribe function.
import type { ClientTransport } from '../../shared/api';
import { isEventName, isMethodName } from '../../shared/contract';
import { err, type Result } from '../../shared/result';

export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export function createIpcRendererTransport(ipcRenderer: IpcRendererLike): ClientTransport {
  return {
    async invoke(method, params) {
      // Only contract channels leave the page, whatever a compromised script passes in.
      if (!isMethodName(method)) return err('E_UNKNOWN_METHOD', `"${String(method).slice(0, 80)}" is not a faxdesk method.`);
      try {
        return (await ipcRenderer.invoke(method, params)) as Result<unknown>;
      } catch (error) {
        return err('E_INTERNAL', `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    subscribe(event, listener) {
      if (!isEventName(event)) return () => {};
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(event, forward);
      return () => {
        ipcRenderer.removeListener(event, forward);
      };
    },
  };
}
