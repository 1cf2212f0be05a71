// Writes test .eml files (and the settings and hooks the delivery tests share) without composing real faxes.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeliveryHooks, SmtpSettings } from '../../main/core/smtp/types';

export interface TestEml {
  messageId: string;
  from?: string;
  to?: string[];
  /** Pad the body to about this many bytes (for mid-data faults the message must outgrow the socket buffers). */
  bodyBytes?: number;
}

export async function writeEml(dir: string, eml: TestEml): Promise<string> {
  const head = [
    `Message-ID: ${eml.messageId}`,
    `From: ${eml.from ?? 'fax@example.com'}`,
    `To: ${(eml.to ?? ['anna@example.com']).join(', ')}`,
    'Subject: Fax received from +49 30 1234567',
    'Date: Thu, 01 Jan 2026 00:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'A fax arrived.',
    // RFC 5321 4.5.2: a line that starts with a dot must be stuffed on the wire and unstuffed by the server.
    '.a line starting with a dot',
  ];
  let body = head.join('\r\n') + '\r\n';
  const filler = 'x'.repeat(76) + '\r\n';
  if (eml.bodyBytes && eml.bodyBytes > body.length) body += filler.repeat(Math.ceil((eml.bodyBytes - body.length) / filler.length));
  const file = join(dir, `${eml.messageId.replace(/[<>@]/g, '_')}.eml`);
  await writeFile(file, body);
  return file;
}

/** Quick timeouts: stall cases end in well under a second. */
export function testSettings(port: number, overrides: Partial<SmtpSettings> = {}): SmtpSettings {
  return {
    host: '127.0.0.1',
    port,
    security: 'none',
    rejectUnauthorized: true,
    clientName: 'faxdesk.test',
    timeouts: { connectMs: 1000, greetingMs: 500, commandMs: 500, finalDotMs: 500, quitMs: 300 },
    ...overrides,
  };
}

/** Hooks that record what the queue manager would have stored, in order. */
export function recordingHooks(): DeliveryHooks & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    onDotSent: (id) => {
      events.push(`dot ${id}`);
    },
    onCommit: (id, reply) => {
      events.push(`commit ${id} ${reply}`);
    },
  };
}
