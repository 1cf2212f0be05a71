// Carries the contract over a WebSocket for the browser mode: the same dispatcher, the same Result replies, the
// same events as the Electron bridge.
import type { WebSocket } from 'ws';
import type { ServerFrame } from '../../shared/contract/wire';
import { callFrameSchema } from '../../shared/contract/wireSchema';
import { err } from '../../shared/result';
import type { Logger } from '../core/logger';
import type { IpcDispatcher } from './dispatcher';

const maxFrameBytes = 1024 * 1024;

export class WebSocketBridge {
  private readonly clients = new Set<WebSocket>();

  constructor(
    private readonly dispatcher: IpcDispatcher,
    private readonly logger: Logger,
  ) {}

  /** Takes a socket that has already passed the token and origin checks. */
  accept(socket: WebSocket, origin: string): void {
    this.clients.add(socket);
    socket.on('close', () => this.clients.delete(socket));
    socket.on('error', () => this.clients.delete(socket));
    socket.on('message', (data, isBinary) => {
      void this.onMessage(socket, origin, data, isBinary);
    });
  }

  broadcast(event: string, payload: unknown): void {
    const text = JSON.stringify({ t: 'event', event, payload } satisfies ServerFrame);
    for (const client of this.clients) if (client.readyState === client.OPEN) client.send(text);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  closeAll(): void {
    for (const client of this.clients) client.close(1001, 'faxdesk is stopping');
  }

  private async onMessage(socket: WebSocket, origin: string, data: unknown, isBinary: boolean): Promise<void> {
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary || buffer.byteLength > maxFrameBytes) {
      socket.close(1009, 'frame refused');
      return;
    }
    let frame;
    try {
      frame = callFrameSchema.safeParse(JSON.parse(buffer.toString('utf8')));
    } catch {
      frame = undefined;
    }
    if (!frame?.success) {
      // A frame without a usable id cannot be answered; the client sent something that is not faxdesk's protocol.
      this.logger.log('warn', { component: 'ipc', transport: 'websocket' }, 'malformed frame refused');
      socket.send(JSON.stringify({ t: 'reply', id: -1, result: err('E_INVALID_PAYLOAD', 'The frame is not a faxdesk call.') }));
      return;
    }
    const { id, method, params } = frame.data;
    const result = await this.dispatcher.dispatch(method, params, { transport: 'websocket', url: origin });
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ t: 'reply', id, result } satisfies ServerFrame));
  }
}
