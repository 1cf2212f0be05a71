// Serves the window from faxdesk://app/ rather than file:// (Electron security checklist 18): only files inside the
// built renderer folder, each sent with the strict CSP as a real response header.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { contentSecurityPolicy } from '../../shared/csp';
import { appHost, appScheme } from './windowOptions';

/** Must run before the app is ready. A standard, secure scheme gets a real origin, so the CSP's 'self' means the app. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Maps faxdesk://app/<path> to a file inside rendererDir; null for anything else (other hosts, "..", bad escapes). */
export function resolveAppFile(url: string, rendererDir: string): string | null {
  let relative: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return null;
    relative = decodeURIComponent(parsed.pathname).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (relative === '') relative = 'index.html';
  if (relative.includes('\0')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const file = resolveAppFile(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
