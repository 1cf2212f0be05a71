// Carries the contract over Electron's ipcMain without importing electron: the desktop adapter passes the real
// ipcMain, tests pass an in-memory pair with the same shape.
import { eventNames, methodNames, type EventName } from '../../shared/contract';
import type { IpcDispatcher } from './dispatcher';

/** The part of Electron's IpcMainInvokeEvent the bridge reads. */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

export function registerElectronIpc(ipcMain: IpcMainLike, dispatcher: IpcDispatcher): () => void {
  for (const name of methodNames) {
    ipcMain.handle(name, (event, payload) =>
      // A frame that navigated away or was destroyed has no URL; it is treated as untrusted.
      dispatcher.dispatch(name, payload, { transport: 'electron', url: event.senderFrame?.url ?? '' }),
    );
  }
  return () => methodNames.forEach((name) => ipcMain.removeHandler(name));
}

/** Sends an event to every live window. */
export function sendToWindows(targets: () => WebContentsLike[], name: EventName, payload: unknown): void {
  for (const contents of targets()) if (!contents.isDestroyed()) contents.send(name, payload);
}

export { eventNames };
