// The application menu: the platform's roles, and section shortcuts that match the window's own.
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, menuSections } from '../../../main/desktop/appMenu';
import { sections } from '../../../renderer/views/sections';

const actions = () => ({ open: vi.fn(), openLogs: vi.fn(), quit: vi.fn() });
const roles = (template: ReturnType<typeof appMenuTemplate>) =>
  template.flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : [])).map((item) => item.role).filter(Boolean);

describe('the application menu', () => {
  it('names the same sections, routes and keys as the window', () => {
    expect(menuSections.map((section, index) => [section.route, section.label, String(index + 1)])).toEqual(
      sections.map((section) => [`/${section.id}`, section.title, section.shortcut]),
    );
  });

  it('has the macOS app menu on macOS only, and DevTools only in development', () => {
    const mac = appMenuTemplate({ platform: 'darwin', isPackaged: true }, actions());
    expect(mac[0]!.label).toBe('faxdesk');
    expect(roles(mac)).toEqual(expect.arrayContaining(['about', 'hide', 'hideOthers', 'unhide', 'front']));
    expect(roles(mac)).not.toContain('toggleDevTools');
    const linux = appMenuTemplate({ platform: 'linux', isPackaged: false }, actions());
    expect(linux.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(linux)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload', 'copy', 'paste', 'togglefullscreen']));
  });

  it('quits with Ctrl+Q and opens Preferences with Cmd+, on macOS', () => {
    const menu = actions();
    const mac = appMenuTemplate({ platform: 'darwin', isPackaged: true }, menu);
    const appItems = mac[0]!.submenu as Array<{ label?: string; accelerator?: string; click?: () => void }>;
    appItems.find((item) => item.label === 'Settings…')!.click!();
    appItems.find((item) => item.label === 'Quit faxdesk')!.click!();
    expect(menu.open).toHaveBeenCalledWith('/preferences');
    expect(menu.quit).toHaveBeenCalledOnce();
  });
});
