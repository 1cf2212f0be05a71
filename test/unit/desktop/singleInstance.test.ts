// A second faxdesk for the same user hands over to the first and quits before it starts an engine.
import { expect, it, vi } from 'vitest';
import { electron, FakeBrowserWindow, fakeLog } from './support/fakeElectron';

vi.mock('electron', async () => (await import('./support/fakeElectron')).electron);
vi.mock('electron-log/main', async () => ({ default: (await import('./support/fakeElectron')).fakeLog }));
vi.mock('electron-store', async () => import('./support/fakeElectronStore'));

it('quits at once when another faxdesk holds the lock', async () => {
  electron.app.singleInstance = false;
  await import('../../../main/desktop/index');
  await Promise.resolve();
  expect(electron.app.quitCalls).toBe(1);
  expect(FakeBrowserWindow.instances).toEqual([]);
  expect(electron.protocol.state.handlers.size).toBe(0);
  expect(fakeLog.lines.some((line) => line.text.includes('engine started'))).toBe(false);
});
