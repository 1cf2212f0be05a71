// Locks down every session and web page: permissions denied, navigation and new windows denied, <webview> refused,
// and external links opened in the user's browser only when they are on the allow-list (security checklist 5, 12-15).
import type { Session, WebContents } from 'electron';

/** The only sites a faxdesk page may send the user to (https only, exact host): the standards it cites, its home. */
export const externalLinkHosts: readonly string[] = ['www.rfc-editor.org', 'datatracker.ietf.org', 'faxdesk.org'];

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    // A URL parser, not startsWith: "https://faxdesk.org.evil.example" must not pass (checklist 13).
    return parsed.protocol === 'https:' && !parsed.username && !parsed.password && externalLinkHosts.includes(parsed.hostname);
  } catch {
    return false;
  }
}

/** faxdesk asks for no permission (camera, notifications from the page, geolocation, HID ...): every one is refused. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export type OpenExternal = (url: string) => void;

/** Applied to every webContents the app creates (app 'web-contents-created'), so no page escapes it. */
export function hardenWebContents(contents: WebContents, openExternal: OpenExternal): void {
  const refuse = (event: { preventDefault(): void }, url: string) => {
    event.preventDefault();
    if (isAllowedExternalUrl(url)) openExternal(url);
  };
  // In-page hash changes (the renderer's routes) are not navigations and are not affected.
  contents.on('will-navigate', (event, url) => refuse(event, url));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
