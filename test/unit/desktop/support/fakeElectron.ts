// A test double of the `electron` module (and of electron-log/main), used through vi.mock at the module boundary:
// it records the options, handlers and calls the desktop adapter makes, so tests assert on the real wiring.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../../support/tempDir';

export class FakeEvent {
  defaultPrevented = false;
  isMainFrame = true;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | undefined;
  sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Fires a navigation event the way Chromium would and reports whether it was refused. */
  navigate(eventName: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string, isMainFrame = true): boolean {
    const event = new FakeEvent();
    event.isMainFrame = isMainFrame;
    if (eventName === 'will-frame-navigate') this.emit(eventName, Object.assign(event, { url }));
    else this.emit(eventName, event, url);
    return event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string[] = [];
  visible = false;
  focused = 0;
  minimized = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    electron.app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused++;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((window) => !window.destroyed);
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  title = '';
  menu: { template: MenuTemplate } | undefined;
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    FakeTray.instances.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setTitle(text: string): void {
    this.title = text;
  }
  setContextMenu(menu: { template: MenuTemplate }): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  show(): void {
    this.shown = true;
  }
}

export type MenuItem = { label?: string; role?: string; accelerator?: string; type?: string; checked?: boolean; submenu?: MenuItem[]; click?: (item: { checked: boolean }) => void };
export type MenuTemplate = MenuItem[];

class FakeApp extends EventEmitter {
  isPackaged = false;
  appPath = process.cwd();
  paths = new Map<string, string>();
  switches = new Map<string, string>();
  singleInstance = true;
  quitCalls = 0;
  exitCode: number | undefined;
  loginItem = { openAtLogin: false, wasOpenedAtLogin: false };
  loginItemCalls: Array<Record<string, unknown>> = [];
  commandLine = { getSwitchValue: (name: string) => this.switches.get(name) ?? '', hasSwitch: (name: string) => this.switches.has(name) };
  getAppPath(): string {
    return this.appPath;
  }
  getPath(name: string): string {
    let dir = this.paths.get(name);
    if (!dir) {
      dir = tempDir(`faxdesk-${name}-`);
      this.paths.set(name, dir);
    }
    return dir;
  }
  setPath(name: string, dir: string): void {
    this.paths.set(name, dir);
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  /** Like Electron: 'will-quit' may be prevented; otherwise the app is gone. */
  quit(): void {
    this.quitCalls++;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    this.emit('will-quit', event);
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    return { ...this.loginItem };
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItemCalls.push(settings);
    this.loginItem.openAtLogin = settings.openAtLogin;
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;

function createElectron() {
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const session = {
    permissionRequestHandler: undefined as PermissionRequestHandler | undefined,
    permissionCheckHandler: undefined as ((...args: unknown[]) => boolean) | undefined,
    devicePermissionHandler: undefined as ((...args: unknown[]) => boolean) | undefined,
    setPermissionRequestHandler(handler: PermissionRequestHandler) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      this.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: (...args: unknown[]) => boolean) {
      this.devicePermissionHandler = handler;
    },
  };
  const protocolState = {
    privileged: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
  };
  return {
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    ipcMain: {
      handlers,
      handle(channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, listener);
      },
      removeHandler: (channel: string) => void handlers.delete(channel),
    },
    session: { defaultSession: session },
    Menu: {
      applicationMenu: undefined as { template: MenuTemplate } | undefined,
      buildFromTemplate: (template: MenuTemplate) => ({ template }),
      setApplicationMenu(menu: { template: MenuTemplate }) {
        this.applicationMenu = menu;
      },
    },
    nativeImage: {
      createFromPath: (file: string) => ({ file, template: false, setTemplateImage(this: { template: boolean }, on: boolean) { this.template = on; } }),
    },
    shell: { opened: [] as string[], openExternal(url: string) { this.opened.push(url); return Promise.resolve(); }, showItemInFolder: () => {} },
    safeStorage: {
      available: true,
      backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
      isEncryptionAvailable() {
        return this.available;
      },
      getSelectedStorageBackend() {
        return this.backend;
      },
      // Reversible but not the identity, so a test can tell an encrypted value from the clear one.
      encryptString: (plain: string) => Buffer.from(`enc:${[...plain].reverse().join('')}`),
      decryptString: (buffer: Buffer) => [...buffer.toString().replace(/^enc:/, '')].reverse().join(''),
    },
    protocol: {
      state: protocolState,
      registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) => void protocolState.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void protocolState.handlers.set(scheme, handler),
    },
    net: {
      async fetch(url: string) {
        const file = fileURLToPath(url);
        if (!fs.existsSync(file)) throw new Error('net::ERR_FILE_NOT_FOUND');
        return new Response(fs.readFileSync(file), { headers: { 'Content-Type': file.endsWith('.html') ? 'text/html' : 'application/octet-stream' } });
      },
    },
    dialog: {
      answers: [] as number[],
      asked: [] as Array<Record<string, unknown>>,
      async showMessageBox(...args: unknown[]) {
        this.asked.push(args[args.length - 1] as Record<string, unknown>);
        return { response: this.answers.shift() ?? 1 };
      },
      showErrorBox: () => {},
    },
  };
}

export const electron = createElectron();
export type FakeElectron = typeof electron;

/** electron-log/main: keeps the lines the app logs. */
export const fakeLog = {
  lines: [] as Array<{ level: string; text: string }>,
  transports: {
    file: { level: 'info' as string | false, format: '', maxSize: 0, getFile: () => ({ path: '/tmp/faxdesk-test/main.log' }) },
    console: { level: 'info' as string | false },
  },
  ...Object.fromEntries(
    ['error', 'warn', 'info', 'verbose', 'debug', 'silly'].map((level) => [level, (text: string) => fakeLog.lines.push({ level, text })]),
  ),
} as { lines: Array<{ level: string; text: string }>; transports: { file: { level: string | false; format: string; maxSize: number; getFile(): { path: string } }; console: { level: string | false } } } & Record<string, (text: string) => void>;

/** Resets the recorded state between tests that share one import of the adapter. */
export function resetRecords(): void {
  FakeNotification.instances = [];
  electron.shell.opened = [];
  electron.dialog.asked = [];
  fakeLog.lines = [];
}
