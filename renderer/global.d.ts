// The API the desktop preload puts on window (absent in the browser mode, which builds it over a WebSocket).
import type { FaxdeskApi } from '../shared/api';

declare global {
  interface Window {
    faxdesk?: FaxdeskApi;
  }
}
export {};
