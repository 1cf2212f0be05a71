// The browser mode's server: serves the built renderer on 127.0.0.1 and carries the contract over a WebSocket,
// both guarded by a random token that only the printed URL holds.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { webSocketPath } from '../../shared/contract/wire';
import { contentSecurityPolicy } from '../../shared/csp';
import type { Logger } from '../core/logger';
import type { Engine } from '../core/services';
import { bindEngineEvents, createDispatcher } from '../ipc/api';
import { WebSocketBridge } from '../ipc/webSocketBridge';

export interface BrowserServerOptions {
  engine: Engine;
  rendererDir: string;
  logger: Logger;
  port?: number;
  /** Fixed for tests; random by default. */
  token?: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const host = '127.0.0.1';

function sameSecret(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export class BrowserServer {
  readonly token: string;
  private readonly server: http.Server;
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  private readonly bridge: WebSocketBridge;
  private unbindEvents: (() => void) | undefined;
  private origin = '';

  constructor(private readonly options: BrowserServerOptions) {
    this.token = options.token ?? crypto.randomBytes(24).toString('base64url');
    const dispatcher = createDispatcher(options.engine, {
      logger: options.logger,
      // The token and origin are checked when the socket opens; every call on it comes from that page.
      isTrustedSender: (sender) => sender.transport === 'websocket' && sender.url === this.origin,
    });
    this.bridge = new WebSocketBridge(dispatcher, options.logger);
    this.server = http.createServer((request, response) => this.onRequest(request, response));
    this.server.on('upgrade', (request, socket, head) => {
      const url = new URL(request.url ?? '/', this.origin);
      const refuse = (status: string) => {
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      };
      if (url.pathname !== webSocketPath || !this.isOwnHost(request)) return refuse('404 Not Found');
      if (!sameSecret(url.searchParams.get('token'), this.token)) return refuse('401 Unauthorized');
      // A page from another site cannot open this socket even if it learned the token (cross-site WebSocket hijacking).
      if (request.headers.origin !== this.origin) return refuse('403 Forbidden');
      this.sockets.handleUpgrade(request, socket, head, (ws) => this.bridge.accept(ws, this.origin));
    });
  }

  async start(): Promise<{ url: string; port: number }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => resolve());
    });
    const port = (this.server.address() as { port: number }).port;
    this.origin = `http://${host}:${port}`;
    this.unbindEvents = bindEngineEvents(this.options.engine, (name, payload) => this.bridge.broadcast(name, payload));
    return { url: `${this.origin}/?token=${this.token}`, port };
  }

  async stop(): Promise<void> {
    this.unbindEvents?.();
    this.bridge.closeAll();
    this.sockets.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get connectedClients(): number {
    return this.bridge.clientCount;
  }

  /** Refuses requests whose Host is not this server (DNS rebinding). */
  private isOwnHost(request: http.IncomingMessage): boolean {
    const port = new URL(this.origin).port;
    return request.headers.host === `${host}:${port}` || request.headers.host === `localhost:${port}`;
  }

  private onRequest(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', this.origin);
    const security = {
      'Content-Security-Policy': `${contentSecurityPolicy}; frame-ancestors 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
    };
    if (!this.isOwnHost(request) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(400, security).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!sameSecret(url.searchParams.get('token'), this.token)) {
        response.writeHead(403, { ...security, 'Content-Type': 'text/html; charset=utf-8' });
        response.end(
          '<!doctype html><meta charset="utf-8"><title>faxdesk: link not valid</title>' +
            '<p>This faxdesk link is not valid. Open the URL that <code>faxdesk serve</code> printed in its terminal.</p>',
        );
        return;
      }
      this.sendFile(response, 'index.html', { ...security, 'Cache-Control': 'no-store' });
      return;
    }
    // The bundle itself is the public app; only the WebSocket gives access to data, and it needs the token.
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname.slice(1));
    } catch {
      // A malformed escape (GET /%) names no file; thrown here it would take the whole engine down.
      response.writeHead(404, security).end();
      return;
    }
    this.sendFile(response, relative, security);
  }

  private sendFile(response: http.ServerResponse, relative: string, headers: Record<string, string>): void {
    const root = path.resolve(this.options.rendererDir);
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep)) {
      response.writeHead(404, headers).end();
      return;
    }
    fs.readFile(file, (error, data) => {
      if (error) {
        response.writeHead(404, headers).end();
        return;
      }
      response.writeHead(200, { ...headers, 'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream' });
      response.end(data);
    });
  }
}
