// A counting SMTP sink for the benchmark: accepts everything on 127.0.0.1, keeps only counts (no message in memory).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export class CountingSink {
  messages = 0;
  bytes = 0;
  firstAt: number | undefined;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: 0,
    onData: (stream, _session, callback) => {
      stream.on('data', (chunk: Buffer) => (this.bytes += chunk.length));
      stream.on('end', () => {
        this.messages++;
        this.firstAt ??= Date.now();
        callback(null, `2.0.0 Ok: queued as B${this.messages}`);
      });
    },
  });

  async start(): Promise<number> {
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  reset(): void {
    this.messages = this.bytes = 0;
    this.firstAt = undefined;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
