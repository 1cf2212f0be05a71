// Security checklist 20: the preload puts window.faxdesk in the page, made of contract functions, and nothing else:
// no ipcRenderer, no Electron event, no channel outside the contract.
import { expect, it, vi } from 'vitest';
import { eventNames, methodNames } from '../../../shared/contract';

const exposed = vi.hoisted(() => new Map<string, unknown>());
const ipcRenderer = vi.hoisted(() => ({
  invoke: vi.fn(async (channel: string) => ({ ok: true, value: channel })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api) },
  ipcRenderer,
}));

it('exposes only window.faxdesk, whose members are the contract methods and events as functions', async () => {
  await import('../../../main/preload/index');
  expect([...exposed.keys()]).toEqual(['faxdesk']);
  const api = exposed.get('faxdesk') as Record<string, Record<string, unknown>>;
  const members = Object.entries(api).flatMap(([domain, functions]) => Object.entries(functions).map(([verb, value]) => [`${domain}:${verb}`, typeof value]));
  expect(members.map(([name]) => name).sort()).toEqual([...methodNames, ...eventNames].sort());
  expect(new Set(members.map(([, type]) => type))).toEqual(new Set(['function']));
  expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|require|process/i);

  expect(await (api.app!.info as () => Promise<unknown>)()).toEqual({ ok: true, value: 'app:info' });
  const listener = vi.fn();
  const unsubscribe = (api.app!.onDidChangeState as (listener: (payload: unknown) => void) => () => void)(listener);
  const forward = ipcRenderer.on.mock.calls[0]![1] as (event: unknown, payload: unknown) => void;
  forward({ sender: 'the Electron event' }, { status: 'running' });
  expect(listener).toHaveBeenCalledWith({ status: 'running' });
  unsubscribe();
  expect(ipcRenderer.removeListener).toHaveBeenCalledWith('app:onDidChangeState', forward);
});
