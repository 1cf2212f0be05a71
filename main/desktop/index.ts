// The desktop app's entry: wires the engine to the locked-down window, the tray, the menu, notifications, the
// OS-encrypted password and the log file. Each of those lives in its own file; this one only connects them.
import os from 'node:os';
import path from 'node:path';
import { app, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { createEngine, type Engine } from '../core/services';
import { bindEngineEvents, createDispatcher, createHandlers } from '../ipc/api';
import { registerElectronIpc, sendToWindows } from '../ipc/electronBridge';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { appMenuTemplate } from './appMenu';
import { claimSingleInstance, installLifecycle } from './lifecycle';
import { createFileLogger } from './logging';
import { createLoginItem, launchCommand, wasStartedAtLogin } from './loginItem';
import { MainWindow } from './mainWindow';
import { DesktopNotifier, NotificationPolicy } from './notifications';
import { guardPlainTextPassword, plainTextConsentDialog } from './passwordConsent';
import { desktopPaths } from './paths';
import { createPreferencesStore } from './preferencesStore';
import { createSecretBox } from './secrets';
import { hardenSession, hardenWebContents } from './security';
import { initialTrayCounts, shellEventSink } from './shellEvents';
import { TrayController } from './tray';
import { isAppPageUrl } from './windowOptions';

// For tests and side-by-side installs: --faxdesk-user-data=DIR keeps everything (data, config, lock) in DIR.
const userDataSwitch = app.commandLine.getSwitchValue('faxdesk-user-data');
if (userDataSwitch) app.setPath('userData', path.resolve(userDataSwitch));

const logger = createFileLogger({ console: !app.isPackaged });
const paths = desktopPaths({ appPath: app.getAppPath(), isPackaged: app.isPackaged, resourcesPath: process.resourcesPath });
const mainWindow = new MainWindow({ preload: paths.preload, icon: paths.windowIcon, devTools: !app.isPackaged });
const openExternal = (url: string) => void shell.openExternal(url);
let engine: Engine | undefined;
let tray: TrayController | undefined;

async function start(startHidden: boolean): Promise<void> {
  hardenSession(session.defaultSession);
  handleAppProtocol(paths.rendererDir);

  const userData = app.getPath('userData');
  const secretBox = createSecretBox(safeStorage);
  const prefsBackend = await createPreferencesStore(userData);
  if (!secretBox.isAvailable()) {
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'none';
    logger.log('warn', { component: 'desktop', backend }, 'no OS encryption: the SMTP password is stored only with consent');
  }
  engine = await createEngine({ dataDir: userData, logger, prefsBackend, secretBox });

  const dispatcher = createDispatcher(engine, {
    logger,
    isTrustedSender: (sender) => sender.transport === 'electron' && isAppPageUrl(sender.url),
  });
  const consent = plainTextConsentDialog(dialog, () => mainWindow.current(), prefsBackend.path);
  registerElectronIpc(guardPlainTextPassword(ipcMain, secretBox, consent), dispatcher);

  const loginItem = createLoginItem(app, {
    platform: process.platform,
    env: process.env,
    homeDir: os.homedir(),
    command: launchCommand(app, process.env, process.execPath),
  });
  const quit = () => app.quit();
  const open = (route?: string) => mainWindow.show(route);
  tray = TrayController.create(paths, { open, quit, loginItem });
  tray.update(await initialTrayCounts(createHandlers(engine)));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({ platform: process.platform, isPackaged: app.isPackaged }, { open, quit, openLogs: () => shell.showItemInFolder(logger.filePath) }),
    ),
  );

  const notifier = new DesktopNotifier(open);
  const toShell = shellEventSink({ updateTray: (counts) => tray?.update(counts), notify: (request) => notifier.show(request), policy: new NotificationPolicy(Date.now()) });
  bindEngineEvents(engine, (name, payload) => {
    sendToWindows(() => mainWindow.webContentsList(), name, payload);
    toShell(name, payload);
  });

  logger.log('info', { component: 'desktop', version: app.getVersion(), startHidden, osEncryption: secretBox.isAvailable() }, 'desktop app started');
  if (!startHidden) mainWindow.show();
}

function main(): void {
  if (!claimSingleInstance(app)) {
    // The running faxdesk got 'second-instance' and shows its window; this process has nothing to do.
    app.quit();
    return;
  }
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));
  installLifecycle(app, {
    onShowRequested: () => {
      if (engine) mainWindow.show();
    },
    stopEngine: async () => {
      tray?.destroy();
      await engine?.stop();
      logger.log('info', { component: 'desktop' }, 'desktop app stopped');
    },
  });
  const startHidden = wasStartedAtLogin(app, process.argv, process.platform);
  app.whenReady().then(
    () => start(startHidden),
    (error: unknown) => logger.log('error', { component: 'desktop', error }, 'Electron did not become ready'),
  ).catch((error: unknown) => {
    logger.log('error', { component: 'desktop', error }, 'faxdesk could not start');
    dialog.showErrorBox('faxdesk could not start', `${error instanceof Error ? error.message : String(error)}\n\nThe log file has the details: ${logger.filePath}`);
    app.exit(1);
  });
}

main();
