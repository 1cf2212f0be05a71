// A real local SMTP server (smtp-server on 127.0.0.1) behind a fault-injecting proxy, so a test can make the
// server drop the connection at the moments DESIGN.md's fault table names and see what the window then shows.
import net from 'node:net';
import { SMTPServer } from 'smtp-server';

/** pass: a normal server; drop-quit: 250 to the message, then the connection closes on QUIT (no 221);
 *  drop-after-dot: the connection closes right after the final dot, before any reply; refuse-rcpt: 451 to RCPT. */
export type Fault = 'pass' | 'drop-quit' | 'drop-after-dot' | 'refuse-rcpt';

export interface TestSmtp {
  /** The port faxdesk should use: the proxy's. */
  port: number;
  received: Array<{ from: string; to: string[]; raw: string }>;
  fault: Fault;
  close(): Promise<void>;
}

export async function startSmtp(fault: Fault = 'pass'): Promise<TestSmtp> {
  const received: TestSmtp['received'] = [];
  const state = { fault };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.fault === 'refuse-rcpt') {
        const error = Object.assign(new Error('4.3.0 try again later'), { responseCode: 451 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serverPort = (server.server.address() as net.AddressInfo).port;

  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    const upstream = net.connect(serverPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    // The client's last few bytes carried over between chunks: a client may write the end-of-data dot (".\r\n") or
    // QUIT in a chunk of its own, so a fault is recognised on the stream, not on one chunk.
    let tail = '';
    client.on('data', (chunk: Buffer) => {
      const text = tail + chunk.toString('latin1');
      tail = text.slice(-8);
      if (state.fault === 'drop-quit' && /(^|\r\n)QUIT\r\n$/i.test(text)) return drop();
      if (state.fault === 'drop-after-dot' && text.endsWith('\r\n.\r\n')) return drop();
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));

  return {
    port: (proxy.address() as net.AddressInfo).port,
    received,
    get fault() {
      return state.fault;
    },
    set fault(next: Fault) {
      state.fault = next;
    },
    async close() {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
