// The desktop entry's behaviour with electron replaced by a test double: one instance, the engine kept running
// with the window closed, the tray and menu, and a quit that waits for the engine.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { electron, FakeBrowserWindow, FakeTray, fakeLog, type MenuItem } from './support/fakeElectron';
import { startDesktopApp } from './support/startApp';

vi.mock('electron', async () => (await import('./support/fakeElectron')).electron);
vi.mock('electron-log/main', async () => ({ default: (await import('./support/fakeElectron')).fakeLog }));
vi.mock('electron-store', async () => import('./support/fakeElectronStore'));

const find = (items: MenuItem[] | undefined, label: string): MenuItem | undefined =>
  items?.flatMap((item) => [item, ...(item.submenu ?? [])]).find((item) => item.label === label);

let tray: FakeTray;

beforeAll(async () => {
  await startDesktopApp();
  tray = FakeTray.instances[0]!;
});

describe('the desktop app', () => {
  it('opens one window at start and logs a structured line without secrets', () => {
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1);
    const started = fakeLog.lines.map((line) => JSON.parse(line.text) as Record<string, unknown>).find((entry) => entry.msg === 'desktop app started');
    expect(started).toMatchObject({ component: 'desktop', level: 'info', startHidden: false, osEncryption: true });
    expect(fakeLog.transports.file.format).toBe('{text}');
  });

  it('keeps running when the window closes, and the tray brings it back', () => {
    const [window] = FakeBrowserWindow.getAllWindows();
    const quitsBefore = electron.app.quitCalls;
    window!.close();
    electron.app.emit('window-all-closed');
    expect(electron.app.quitCalls).toBe(quitsBefore);
    expect(tray.tooltip).toBe('faxdesk: 0 unread faxes, 0 messages in the outbox');
    tray.emit('click');
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1);
  });

  it('focuses the existing window on a second launch instead of opening another', () => {
    const [window] = FakeBrowserWindow.getAllWindows();
    window!.minimized = true;
    const focusedBefore = window!.focused;
    electron.app.emit('second-instance', {}, ['faxdesk'], '/');
    expect(FakeBrowserWindow.getAllWindows()).toEqual([window]);
    expect(window!.minimized).toBe(false);
    expect(window!.focused).toBe(focusedBefore + 1);
  });

  it('switches sections with Ctrl/Cmd+1..4 from the application menu', () => {
    const template = electron.Menu.applicationMenu!.template;
    const view = template.find((item) => item.label === 'View')!.submenu!;
    expect(view.slice(0, 4).map((item) => [item.label, item.accelerator])).toEqual([
      ['Received faxes', 'CmdOrCtrl+1'],
      ['Sent & deliveries', 'CmdOrCtrl+2'],
      ['Outbox', 'CmdOrCtrl+3'],
      ['Preferences', 'CmdOrCtrl+4'],
    ]);
    view[2]!.click!({ checked: false });
    expect(FakeBrowserWindow.getAllWindows()[0]!.loaded.at(-1)).toBe('faxdesk://app/index.html#/outbox');
    const edit = template.find((item) => item.label === 'Edit')!.submenu!.map((item) => item.role);
    expect(edit).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('offers the sections, start at login and Quit in the tray menu', () => {
    const items = tray.menu!.template;
    expect(items.map((item) => item.label).filter(Boolean)).toEqual(
      expect.arrayContaining(['Open faxdesk', '0 unread faxes', '0 messages in the outbox', 'Quit faxdesk']),
    );
    expect(find(items, 'Start at login')).toBeDefined();
  });

  it('quits from the tray only after the engine has stopped', async () => {
    find(tray.menu!.template, 'Quit faxdesk')!.click!({ checked: false });
    await vi.waitFor(() => expect(fakeLog.lines.some((line) => line.text.includes('"msg":"engine stopped"') || line.text.includes('desktop app stopped'))).toBe(true));
    expect(tray.destroyed).toBe(true);
    // The first will-quit was held for the engine; the quit that follows goes through.
    expect(electron.app.quitCalls).toBeGreaterThanOrEqual(2);
  });
});
