// The two ways a window reaches the engine, set up the same way for contract tests: the Electron bridge (over the
// in-memory IPC pair) and the browser mode's real WebSocket server.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { WebSocket } from 'ws';
import { createFaxdeskApi, type ClientTransport, type FaxdeskApi } from '../../shared/api';
import { BrowserServer } from '../../main/cli/browserServer';
import { silentLogger } from '../../main/core/logger';
import { createEngine, type Engine } from '../../main/core/services';
import { bindEngineEvents, createDispatcher } from '../../main/ipc/api';
import { registerElectronIpc, sendToWindows } from '../../main/ipc/electronBridge';
import { createIpcRendererTransport } from '../../main/preload/transport';
import { tempDir } from './tempDir';
import { appPageUrl, isAppPageUrl } from '../../main/desktop/windowOptions';
import { createWebSocketTransport, webSocketUrl } from '../../renderer/api/webSocketTransport';
import { createMemoryIpcPair } from './memoryIpc';

export interface TransportFixture {
  name: string;
  engine: Engine;
  api: FaxdeskApi;
  transport: ClientTransport;
  close(): Promise<void>;
}

export { tempDir } from './tempDir';

export async function electronFixture(frameUrl = appPageUrl('/received')): Promise<TransportFixture> {
  const engine = await createEngine({ dataDir: tempDir() });
  const pair = createMemoryIpcPair(frameUrl);
  const dispatcher = createDispatcher(engine, {
    logger: silentLogger,
    isTrustedSender: (sender) => sender.transport === 'electron' && isAppPageUrl(sender.url),
  });
  const unregister = registerElectronIpc(pair.ipcMain, dispatcher);
  const unbind = bindEngineEvents(engine, (name, payload) => sendToWindows(() => [pair.webContents], name, payload));
  const transport = createIpcRendererTransport(pair.ipcRenderer);
  return {
    name: 'electron',
    engine,
    transport,
    api: createFaxdeskApi(transport),
    async close() {
      unbind();
      unregister();
      await engine.stop();
    },
  };
}

export async function webSocketFixture(): Promise<TransportFixture & { server: BrowserServer; url: string }> {
  const engine = await createEngine({ dataDir: tempDir() });
  const rendererDir = tempDir('faxdesk-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>faxdesk</title>');
  const server = new BrowserServer({ engine, rendererDir, logger: silentLogger });
  const { url } = await server.start();
  const origin = new URL(url).origin;
  const transport = createWebSocketTransport(
    webSocketUrl(origin, server.token),
    (target) => new WebSocket(target, { origin }) as unknown as globalThis.WebSocket,
  );
  await transport.ready;
  return {
    name: 'websocket',
    engine,
    server,
    url,
    transport,
    api: createFaxdeskApi(transport),
    async close() {
      transport.close();
      await server.stop();
      await engine.stop();
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then closed): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
