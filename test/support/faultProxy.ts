// A fault-injecting TCP proxy on 127.0.0.1 that follows the SMTP dialogue line by line and breaks it at a chosen point.
import net, { type AddressInfo } from 'node:net';

/**
 * Where to break in. Commands ('ehlo' … 'quit', 'rset') fire when the client sends them, instead of forwarding them.
 * 'greeting' replaces the server's greeting. 'mid-data' fires on the first chunk of message data (half of it reaches the
 * server first). 'after-dot' forwards the whole message and the final dot, waits until the server has really answered
 * (and so holds the message), then applies the fault instead of passing that reply on. 'after-250' passes the 250 on
 * and then applies the fault.
 */
export type FaultPoint =
  | 'connect'
  | 'greeting'
  | 'ehlo'
  | 'starttls'
  | 'auth'
  | 'mail'
  | 'rcpt'
  | 'data'
  | 'mid-data'
  | 'after-dot'
  | 'after-250'
  | 'rset'
  | 'quit';

/** drop: FIN. reset: RST. stall: hold the connection, silent, until the proxy closes. reply: answer with this line instead. */
export type FaultAction = { kind: 'drop' } | { kind: 'reset' } | { kind: 'stall' } | { kind: 'reply'; reply: string };

export interface Fault {
  at: FaultPoint;
  action: FaultAction;
  /** Which time the point is reached, counted over the proxy's life (1 = the first). */
  occurrence?: number;
}

const commandPoints: Record<string, FaultPoint> = {
  EHLO: 'ehlo',
  HELO: 'ehlo',
  STARTTLS: 'starttls',
  AUTH: 'auth',
  MAIL: 'mail',
  RCPT: 'rcpt',
  DATA: 'data',
  RSET: 'rset',
  QUIT: 'quit',
};

type Slot = { kind: 'server'; tag?: FaultPoint } | { kind: 'inject'; text: string };

const END_OF_DATA = '\r\n.\r\n';

export class FaultProxy {
  /** Set once the fault has been applied. */
  fired = false;
  /** Client connections accepted. */
  connections = 0;
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly reached = new Map<FaultPoint, number>();

  constructor(
    private readonly target: { host: string; port: number },
    private fault?: Fault,
  ) {}

  setFault(fault: Fault | undefined): void {
    this.fault = fault;
    this.fired = false;
    this.reached.clear();
  }

  async start(): Promise<{ port: number }> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return { port: (this.server.address() as AddressInfo).port };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Counts one arrival at a point; true when this is the arrival the fault is set for. */
  hit(point: FaultPoint): boolean {
    const count = (this.reached.get(point) ?? 0) + 1;
    this.reached.set(point, count);
    if (this.fired || !this.fault || this.fault.at !== point || count !== (this.fault.occurrence ?? 1)) return false;
    this.fired = true;
    return true;
  }

  get action(): FaultAction | undefined {
    return this.fault?.action;
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private accept(client: net.Socket): void {
    this.connections++;
    this.track(client);
    if (this.hit('connect')) {
      const action = this.action!;
      if (action.kind === 'drop') client.end();
      else if (action.kind === 'reset') client.resetAndDestroy();
      else if (action.kind === 'reply') client.end(withCrlf(action.reply));
      // stall: accept and say nothing
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    this.track(upstream);
    new ProxiedSession(this, client, upstream);
  }
}

function withCrlf(text: string): string {
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** One client connection: relays replies in order, so an injected reply never overtakes an earlier server reply. */
class ProxiedSession {
  private mode: 'command' | 'data' | 'raw' | 'dead' = 'command';
  private readonly slots: Slot[] = [{ kind: 'server', tag: 'greeting' }];
  private clientBuffer = '';
  private serverBuffer = '';
  private replyLines: string[] = [];
  private dataTail = '';
  private dataStarted = false;
  private inAuth = false;

  constructor(
    private readonly proxy: FaultProxy,
    private readonly client: net.Socket,
    private readonly upstream: net.Socket,
  ) {
    client.on('data', (chunk: Buffer) => this.onClientData(chunk));
    upstream.on('data', (chunk: Buffer) => this.onServerData(chunk));
    client.on('end', () => {
      if (this.mode !== 'dead') upstream.end();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => {
      // A stalled connection stays silent even when the server gives up on it.
      if (this.mode !== 'dead') client.end();
    });
  }

  private apply(action: FaultAction): void {
    if (action.kind === 'reply') {
      this.slots.push({ kind: 'inject', text: withCrlf(action.reply) });
      this.flushInjected();
      return;
    }
    this.mode = 'dead';
    if (action.kind === 'drop') {
      this.client.end();
      this.upstream.destroy();
    } else if (action.kind === 'reset') {
      this.client.resetAndDestroy();
      this.upstream.destroy();
    }
    else {
      // stall: read nothing more either, so a client in the middle of the data blocks as on a dead link
      this.client.pause();
      this.upstream.pause();
    }
  }

  private onClientData(chunk: Buffer): void {
    if (this.mode === 'raw') {
      this.upstream.write(chunk);
      return;
    }
    if (this.mode === 'dead') return;
    if (this.mode === 'data') {
      this.onMessageData(chunk.toString('latin1'));
      return;
    }
    this.clientBuffer += chunk.toString('latin1');
    this.processCommands();
  }

  private processCommands(): void {
    let index: number;
    while (this.mode === 'command' && (index = this.clientBuffer.indexOf('\r\n')) >= 0) {
      const line = this.clientBuffer.slice(0, index);
      this.clientBuffer = this.clientBuffer.slice(index + 2);
      this.onCommand(line);
    }
  }

  private onCommand(line: string): void {
    const verb = (line.split(' ')[0] ?? '').toUpperCase();
    const point = this.inAuth ? undefined : commandPoints[verb];
    if (point && this.proxy.hit(point)) {
      this.apply(this.proxy.action!);
      return;
    }
    if (point === 'auth') this.inAuth = true;
    this.upstream.write(`${line}\r\n`, 'latin1');
    this.slots.push({ kind: 'server', ...(point ? { tag: point } : {}) });
  }

  private onMessageData(data: string): void {
    const combined = this.dataTail + data;
    const end = combined.indexOf(END_OF_DATA);
    // Bytes of `data` up to and including the final dot, or all of it.
    const upTo = end >= 0 ? end + END_OF_DATA.length - this.dataTail.length : data.length;
    if (!this.dataStarted) {
      this.dataStarted = true;
      if (this.proxy.hit('mid-data')) {
        // The server gets part of the message and never the dot: it must discard it (RFC 5321 3.8).
        const part = Math.max(0, Math.floor((end >= 0 ? end - this.dataTail.length : data.length) / 2));
        this.upstream.write(data.slice(0, part), 'latin1', () => this.apply(this.proxy.action!));
        this.mode = 'dead';
        return;
      }
    }
    this.upstream.write(data.slice(0, upTo), 'latin1');
    if (end < 0) {
      this.dataTail = combined.slice(-4);
      return;
    }
    this.mode = 'command';
    this.slots.push({ kind: 'server', tag: 'after-dot' });
    this.clientBuffer += data.slice(upTo);
    this.processCommands();
  }

  private onServerData(chunk: Buffer): void {
    if (this.mode === 'raw') {
      this.client.write(chunk);
      return;
    }
    if (this.mode === 'dead') return;
    this.serverBuffer += chunk.toString('latin1');
    let index: number;
    while ((index = this.serverBuffer.indexOf('\r\n')) >= 0 && !this.isDead()) {
      const line = this.serverBuffer.slice(0, index);
      this.serverBuffer = this.serverBuffer.slice(index + 2);
      this.replyLines.push(line);
      if (/^\d{3}-/.test(line)) continue; // RFC 5321 4.2.1: more lines of this reply follow
      const reply = this.replyLines.join('\r\n') + '\r\n';
      this.replyLines = [];
      this.onServerReply(reply, Number(line.slice(0, 3)));
    }
  }

  private onServerReply(reply: string, code: number): void {
    this.flushInjected();
    const slot = this.slots[0]?.kind === 'server' ? (this.slots.shift() as { kind: 'server'; tag?: FaultPoint }) : undefined;
    const tag = slot?.tag;
    if (tag === 'auth' || (this.inAuth && !tag)) this.inAuth = code === 334;
    if ((tag === 'greeting' || tag === 'after-dot') && this.proxy.hit(tag)) {
      // In place of the server's reply. For 'after-dot' the server has already taken the message.
      const action = this.proxy.action!;
      if (action.kind === 'reply') this.client.write(withCrlf(action.reply), 'latin1');
      else this.apply(action);
      this.flushInjected();
      return;
    }
    this.client.write(reply, 'latin1');
    if (tag === 'data' && code === 354) {
      this.mode = 'data';
      this.dataTail = '\r\n'; // a message may be empty: ".\r\n" right away ends it
      this.dataStarted = false;
      const early = this.clientBuffer;
      this.clientBuffer = '';
      if (early) this.onMessageData(early);
    } else if (tag === 'starttls' && code === 220) {
      // RFC 3207: from here on the bytes are TLS; the proxy only relays them (later faults go in smtp-server handlers).
      this.mode = 'raw';
    } else if (tag === 'after-dot' && code >= 200 && code < 300 && this.proxy.hit('after-250')) {
      const action = this.proxy.action!;
      if (action.kind === 'reply') this.client.write(withCrlf(action.reply), 'latin1');
      else this.apply(action);
    }
    this.flushInjected();
  }

  /** Read through a method: a reply handled in the loop may have just killed the connection. */
  private isDead(): boolean {
    return this.mode === 'dead';
  }

  private flushInjected(): void {
    while (this.slots[0]?.kind === 'inject' && this.mode !== 'dead') {
      const slot = this.slots.shift() as { kind: 'inject'; text: string };
      this.client.write(slot.text, 'latin1');
    }
  }
}
