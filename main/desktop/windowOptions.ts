// The locked-down options of every faxdesk window (Electron security checklist: isolation, sandbox, no Node).
import path from 'node:path';

export interface WindowPaths {
  preload: string;
  icon?: string;
  /** Development only: the packaged app never opens DevTools. */
  devTools?: boolean;
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
      devTools: paths.devTools ?? false,
    },
  } as const;
}

/** The window is served from faxdesk://app/ (see appProtocol.ts); these name that origin in one place. */
export const appScheme = 'faxdesk';
export const appHost = 'app';
export const appOrigin = `${appScheme}://${appHost}`;

/** The window's page, opened at a renderer route such as "/received/42" (the renderer listens on the hash). */
export function appPageUrl(route?: string): string {
  return `${appOrigin}/index.html${route ? `#${route.startsWith('/') ? route : `/${route}`}` : ''}`;
}

/** True for the window's own page (any hash): only frames showing it may call the API (checklist 17). */
export function isAppPageUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost && parsed.pathname === '/index.html';
  } catch {
    return false;
  }
}
