// The tray's counts, menu and coalesced updates, and the events that feed it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotificationPolicy } from '../../../main/desktop/notifications';
import { initialTrayCounts, shellEventSink } from '../../../main/desktop/shellEvents';
import { TrayController, trayMenuTemplate, trayTooltip } from '../../../main/desktop/tray';
import { ApiError } from '../../../shared/errors';
import { FakeTray } from './support/fakeElectron';

vi.mock('electron', async () => (await import('./support/fakeElectron')).electron);

const actions = () => ({ open: vi.fn(), quit: vi.fn(), loginItem: null });
const icons = { trayIcon: '/icons/tray.png', trayTemplateIcon: '/icons/trayTemplate.png' };

afterEach(() => vi.useRealTimers());

describe('the tray', () => {
  it('says how many faxes are unread and how many messages wait', () => {
    expect(trayTooltip({ unreadFaxes: 1, outbox: 2, failed: 0 })).toBe('faxdesk: 1 unread fax, 2 messages in the outbox');
    expect(trayTooltip({ unreadFaxes: 0, outbox: 1, failed: 3 })).toBe('faxdesk: 0 unread faxes, 1 message in the outbox, 3 failed');
  });

  it('opens the window at the section an item names, and quits', () => {
    const tray = actions();
    const items = trayMenuTemplate({ unreadFaxes: 2, outbox: 5, failed: 1 }, tray);
    const click = (label: string) => items.find((item) => item.label === label)!.click!({} as never, undefined, {} as never);
    click('2 unread faxes');
    click('5 messages in the outbox');
    click('1 failed message');
    click('Quit faxdesk');
    expect(tray.open.mock.calls).toEqual([['/received'], ['/outbox'], ['/sent']]);
    expect(tray.quit).toHaveBeenCalledOnce();
  });

  it('shows "Start at login" as the OS reports it and changes it there', () => {
    let enabled = true;
    const loginItem = { isEnabled: () => enabled, setEnabled: (value: boolean) => void (enabled = value) };
    const item = trayMenuTemplate({ unreadFaxes: 0, outbox: 0, failed: 0 }, { ...actions(), loginItem }).find((entry) => entry.label === 'Start at login')!;
    expect(item).toMatchObject({ type: 'checkbox', checked: true });
    item.click!({ checked: false } as never, undefined, {} as never);
    expect(enabled).toBe(false);
  });

  it('rebuilds its menu once for a burst of changes', () => {
    vi.useFakeTimers();
    const controller = TrayController.create(icons, actions(), 'linux');
    const tray = FakeTray.instances.at(-1)!;
    const setMenu = vi.spyOn(tray, 'setContextMenu');
    for (let outbox = 1; outbox <= 2000; outbox++) controller.update({ outbox });
    expect(setMenu).not.toHaveBeenCalled();
    vi.advanceTimersByTime(250);
    expect(setMenu).toHaveBeenCalledOnce();
    expect(tray.tooltip).toBe('faxdesk: 0 unread faxes, 2000 messages in the outbox');
    expect((tray.image as { file: string }).file).toBe('/icons/tray.png');
  });

  it('uses a template image and a title count on macOS', () => {
    vi.useFakeTimers();
    const controller = TrayController.create(icons, actions(), 'darwin');
    const tray = FakeTray.instances.at(-1)!;
    expect(tray.image).toMatchObject({ file: '/icons/trayTemplate.png', template: true });
    controller.update({ unreadFaxes: 4 });
    vi.runAllTimers();
    expect(tray.title).toBe('4');
  });
});

describe('the engine events outside the window', () => {
  it('feed the tray counts and the notifications', () => {
    const updateTray = vi.fn();
    const notify = vi.fn();
    const sink = shellEventSink({ updateTray, notify, policy: new NotificationPolicy(0) });
    const counts = { queued: 2, sending: 1, retryWait: 3, held: 1, failed: 4, delivered: 10, cancelled: 0, total: 21 };
    sink('messages:onDidChange', { changed: [], counts });
    sink('faxes:onDidChange', { changed: [], unread: 5 });
    sink('app:onDidChangeState', { status: 'running', detail: 'Ready', since: new Date(0).toISOString(), delivering: 0, nextRetryAt: null, unreachable: null, target: null });
    expect(updateTray.mock.calls).toEqual([[{ outbox: 7, failed: 4 }], [{ unreadFaxes: 5 }]]);
    expect(notify).not.toHaveBeenCalled();
  });

  it('start from the engine counts, or zero where that part is not built yet', async () => {
    const counts = { queued: 1, sending: 0, retryWait: 0, held: 0, failed: 2, delivered: 0, cancelled: 0, total: 3 };
    const unavailable = () => {
      throw new ApiError('E_UNAVAILABLE');
    };
    expect(await initialTrayCounts({ 'messages:counts': () => counts, 'faxes:list': unavailable })).toEqual({ outbox: 1, failed: 2 });
  });
});
