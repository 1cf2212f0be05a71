// Finds the faxdesk API: the preload's in the desktop app, or one built over the WebSocket in the browser mode.
import { createFaxdeskApi, type FaxdeskApi } from '../../shared/api';
import { createWebSocketTransport, webSocketUrl } from './webSocketTransport';

const tokenKey = 'faxdesk.token';

export interface Connection {
  api: FaxdeskApi;
  onDidDisconnect(listener: (reason: string) => void): void;
}

export async function connect(): Promise<Connection> {
  if (window.faxdesk) return { api: window.faxdesk, onDidDisconnect: () => {} };
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token') ?? sessionStorage.getItem(tokenKey);
  if (!token) throw new Error('This page needs the address that "faxdesk serve" printed (it ends with ?token=…).');
  // Keep the token for reloads of this tab, but out of the address bar, history and screenshots.
  sessionStorage.setItem(tokenKey, token);
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const transport = createWebSocketTransport(webSocketUrl(window.location.origin, token));
  await transport.ready;
  return { api: createFaxdeskApi(transport), onDidDisconnect: transport.onDidClose };
}
