// The application menu: the platform's usual roles and shortcuts, plus Ctrl/Cmd+1..4 for the window's sections.
import type { MenuItemConstructorOptions } from 'electron';

/** The renderer's sections and routes, in sidebar order (renderer/views/sections.ts; a unit test keeps them equal). */
export const menuSections = [
  { route: '/received', label: 'Received faxes' },
  { route: '/sent', label: 'Sent & deliveries' },
  { route: '/outbox', label: 'Outbox' },
  { route: '/preferences', label: 'Preferences' },
] as const;

export interface AppMenuActions {
  open(route?: string): void;
  openLogs(): void;
  quit(): void;
}

export function appMenuTemplate(options: { platform: NodeJS.Platform; isPackaged: boolean }, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const sections: MenuItemConstructorOptions[] = menuSections.map((section, index) => ({
    label: section.label,
    accelerator: `CmdOrCtrl+${index + 1}`,
    click: () => actions.open(section.route),
  }));
  const quit: MenuItemConstructorOptions = { label: 'Quit faxdesk', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: 'faxdesk',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { label: 'Settings…', accelerator: 'Cmd+,', click: () => actions.open('/preferences') },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        quit,
      ],
    });
  }
  // Closing the window leaves faxdesk delivering in the tray; Quit stops it.
  template.push({ label: 'File', submenu: mac ? [{ role: 'close' }] : [{ role: 'close' }, { type: 'separator' }, quit] });
  template.push({
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  });
  template.push({
    label: 'View',
    submenu: [
      ...sections,
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.isPackaged ? [] : [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
    ],
  });
  template.push({ label: 'Window', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] });
  template.push({ label: 'Help', submenu: [{ label: 'Show log files', click: () => actions.openLogs() }] });
  return template;
}
