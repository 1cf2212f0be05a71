// The desktop app's entry: starts the engine in Electron's main process and opens the locked-down window.
import path from 'node:path';
import { app, BrowserWindow, ipcMain, session, webContents } from 'electron';
import { contentSecurityPolicy } from '../../shared/csp';
import { createJsonLogger } from '../core/logger';
import { createEngine, type Engine } from '../core/services';
import { bindEngineEvents, createDispatcher } from '../ipc/api';
import { registerElectronIpc, sendToWindows } from '../ipc/electronBridge';
import { isAppUrl, mainWindowOptions } from './windowOptions';

const logger = createJsonLogger({ minLevel: 'info' });
const outDir = path.resolve(__dirname, '..');
const rendererIndex = path.join(outDir, 'renderer', 'index.html');
let engine: Engine | undefined;
let mainWindow: BrowserWindow | null = null;

function openWindow(): void {
  mainWindow = new BrowserWindow(mainWindowOptions({ preload: path.join(outDir, 'preload', 'index.cjs') }));
  const contents = mainWindow.webContents;
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadFile(rendererIndex);
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } }),
  );
  engine = await createEngine({ dataDir: app.getPath('userData'), logger });
  const dispatcher = createDispatcher(engine, {
    logger,
    isTrustedSender: (sender) => sender.transport === 'electron' && isAppUrl(sender.url, rendererIndex),
  });
  registerElectronIpc(ipcMain, dispatcher);
  bindEngineEvents(engine, (name, payload) => sendToWindows(() => webContents.getAllWebContents(), name, payload));
  openWindow();
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0 && engine) openWindow();
});
app.on('will-quit', () => void engine?.stop());

app.whenReady().then(start, (error: unknown) => {
  logger.log('error', { component: 'desktop', error: String(error) }, 'faxdesk could not start');
  app.quit();
});
