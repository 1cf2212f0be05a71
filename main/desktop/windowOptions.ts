// The locked-down options of every faxdesk window (Electron security checklist: isolation, sandbox, no Node).
import path from 'node:path';

export interface WindowPaths {
  preload: string;
  icon?: string;
}

export function mainWindowOptions(paths: WindowPaths) {
  return {
    width: 1200,
    height: 780,
    minWidth: 760,
    minHeight: 480,
    title: 'faxdesk',
    show: false,
    ...(paths.icon ? { icon: paths.icon } : {}),
    webPreferences: {
      preload: path.resolve(paths.preload),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  } as const;
}

/** The renderer is loaded from this file; only frames from it may call the API. */
export function isAppUrl(url: string, rendererIndex: string): boolean {
  try {
    const parsed = new URL(url);
    const expected = new URL(`file://${path.resolve(rendererIndex)}`);
    return parsed.protocol === 'file:' && decodeURIComponent(parsed.pathname) === decodeURIComponent(expected.pathname);
  } catch {
    return false;
  }
}
