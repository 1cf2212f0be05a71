// Where the desktop app finds what it ships: the built window and preload (inside the app), and the icons
// (build/ in development, the packaged resources folder once installed: electron-builder's extraResources).
import path from 'node:path';

export interface DesktopPaths {
  rendererDir: string;
  preload: string;
  /** The window icon (Linux; Windows and macOS take it from the executable). */
  windowIcon: string;
  /** Colour tray icon (Linux, Windows) and the black template image macOS tints itself. */
  trayIcon: string;
  trayTemplateIcon: string;
}

export function desktopPaths(options: { appPath: string; isPackaged: boolean; resourcesPath?: string }): DesktopPaths {
  const resources = options.isPackaged && options.resourcesPath ? options.resourcesPath : path.join(options.appPath, 'build');
  return {
    rendererDir: path.join(options.appPath, 'out', 'renderer'),
    preload: path.join(options.appPath, 'out', 'preload', 'index.cjs'),
    windowIcon: path.join(resources, 'icons', '512x512.png'),
    trayIcon: path.join(resources, 'tray', 'tray.png'),
    trayTemplateIcon: path.join(resources, 'tray', 'trayTemplate.png'),
  };
}
