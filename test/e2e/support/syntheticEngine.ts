// A stand-in for the engine's side of the WebSocket, answering the contract with generated rows (100,000 messages,
// 20,000 faxes) through Playwright's routeWebSocket: it measures the window alone, before (or without) seeding a
// real store. Rows are made on demand from their index, so nothing large is held in memory.
import type { Page } from 'playwright-core';
import type { FaxSummary, MessageDetail, MessageState, MessageSummary } from '../../../shared/contract';
import { prefDefaults } from '../../../shared/prefs';

export interface SyntheticOptions {
  messages: number;
  faxes: number;
  /** The file every fax opens with. */
  faxFile: { fileName: string; mimeType: string; base64: string; format: 'pdf' | 'tiff'; pages: number };
}

const states: MessageState[] = ['delivered', 'delivered', 'delivered', 'retry-wait', 'delivered', 'failed', 'held', 'queued'];
const base = Date.UTC(2026, 11, 3, 12, 0);

function message(index: number): MessageSummary {
  const state = states[index % states.length]!;
  const at = new Date(base - index * 60_000).toISOString();
  return {
    id: `m${index}`,
    kind: index % 3 === 0 ? 'sent-notification' : 'received-fax',
    state,
    subject: index % 3 === 0 ? `Fax sent to +49 30 555 ${String(index % 10000).padStart(4, '0')}` : `Fax from +49 40 ${String(index).padStart(7, '0')}`,
    from: 'faxdesk@example.com',
    to: [`user${index % 97}@example.com`],
    messageId: `<${index}.synthetic@faxdesk>`,
    createdAt: at,
    updatedAt: at,
    attempts: state === 'queued' ? 0 : (index % 4) + 1,
    nextAttemptAt: state === 'retry-wait' ? new Date(Date.now() + 5 * 60_000).toISOString() : null,
    deliveredAt: state === 'delivered' ? at : null,
    possibleDuplicate: index % 41 === 0,
    reason: state === 'held' ? 'Held for review: the server did not answer after the message was sent.' : state === 'failed' ? '550 5.1.1 mailbox unknown' : null,
    faxId: index % 3 === 0 ? null : `f${index % 20000}`,
    sizeBytes: 20_000 + index,
  };
}

function detail(index: number): MessageDetail {
  const summary = message(index);
  const t = (s: number) => new Date(base - index * 60_000 + s * 1000).toISOString();
  return {
    ...summary,
    recipients: summary.to.map((address) => ({ address, state: summary.state === 'delivered' ? 'accepted' : 'pending', lastReply: '250 2.1.5 Ok' })),
    attemptList: Array.from({ length: summary.attempts }, (_, n) => ({
      number: n + 1,
      startedAt: t(n * 300),
      endedAt: t(n * 300 + 2),
      phase: 'quit',
      outcome: n === summary.attempts - 1 && summary.state === 'delivered' ? 'accepted-quit-dropped' : 'temporary',
      explanation:
        n === summary.attempts - 1 && summary.state === 'delivered'
          ? "The server accepted the message (250 2.0.0 Ok: queued as 4F2A1) but closed the connection without answering QUIT. Counted as delivered because 'Treat dropped QUIT as delivered' is on."
          : 'The server answered 451 4.3.0 try again later; faxdesk will retry.',
      commitReply: '250 2.0.0 Ok: queued as 4F2A1',
      quitReply: null,
      error: null,
      transcript: [
        { at: t(0), dir: 'i', text: 'connected to mail.example.com:25' },
        { at: t(0), dir: 'S', text: '220 mail.example.com ESMTP' },
        { at: t(0), dir: 'C', text: 'EHLO faxdesk.local' },
        { at: t(0), dir: 'S', text: '250-mail.example.com\n250 PIPELINING' },
        { at: t(1), dir: 'C', text: 'MAIL FROM:<faxdesk@example.com>' },
        { at: t(1), dir: 'S', text: '250 2.1.0 Ok' },
        { at: t(1), dir: 'C', text: `RCPT TO:<${summary.to[0]}>` },
        { at: t(1), dir: 'S', text: '250 2.1.5 Ok' },
        { at: t(1), dir: 'C', text: 'DATA' },
        { at: t(1), dir: 'S', text: '354 End data with <CR><LF>.<CR><LF>' },
        { at: t(2), dir: 'C', text: '<message, 20 KB>' },
        { at: t(2), dir: 'S', text: '250 2.0.0 Ok: queued as 4F2A1' },
        { at: t(2), dir: 'C', text: 'QUIT' },
        { at: t(2), dir: 'i', text: 'connection closed before the reply to QUIT' },
      ],
    })),
  };
}

function fax(index: number, pages: number, format: 'pdf' | 'tiff'): FaxSummary {
  const m = index % 5 === 4 ? null : message(index * 3 + 1);
  return {
    id: `f${index}`,
    receivedAt: new Date(base - index * 180_000).toISOString(),
    from: `+49 40 ${String(index).padStart(7, '0')}`,
    to: `+49 30 1234 ${String(100 + (index % 7))}`,
    csid: index % 4 === 0 ? null : `ACME ${index % 50}`,
    pages,
    format,
    fileName: `fax-${index}.${format === 'pdf' ? 'pdf' : 'tif'}`,
    sizeBytes: 40_000,
    read: index % 6 !== 0,
    deliverTo: m ? m.to : [],
    deliveryState: m ? m.state : null,
    messageIds: m ? [m.id] : [],
  };
}

function pageOf<T>(total: number, make: (index: number) => T, params: { cursor?: string | null; limit?: number }) {
  const start = Number(params.cursor ?? 0);
  const end = Math.min(total, start + (params.limit ?? 50));
  return { items: Array.from({ length: end - start }, (_, i) => make(start + i)), nextCursor: end < total ? String(end) : null, total };
}

export async function routeSynthetic(page: Page, options: SyntheticOptions): Promise<void> {
  const outboxStates: MessageState[] = ['queued', 'sending', 'retry-wait', 'held', 'failed'];
  const outbox = Array.from({ length: 64 }, (_, i) => i).filter((i) => outboxStates.includes(message(i).state));
  const counts = { queued: 0, sending: 0, retryWait: 0, held: 0, failed: 0, delivered: 0, cancelled: 0, total: options.messages };
  for (const i of outbox) {
    const state = message(i).state;
    if (state === 'retry-wait') counts.retryWait++;
    else if (state === 'queued' || state === 'held' || state === 'failed' || state === 'sending') counts[state]++;
  }
  const handlers: Record<string, (params: Record<string, unknown>) => unknown> = {
    'app:info': () => ({
      name: 'faxdesk',
      version: 'synthetic',
      dataDir: '/synthetic',
      engine: { status: 'running', detail: 'Ready', since: new Date(base).toISOString(), delivering: 1, nextRetryAt: new Date(Date.now() + 300_000).toISOString(), target: { local: false, label: 'mail.example.com:25' } },
    }),
    'messages:counts': () => counts,
    'messages:list': (params) =>
      Array.isArray(params.states) ? pageOf(outbox.length, (i) => message(outbox[i]!), params) : pageOf(options.messages, message, params),
    'messages:get': (params) => detail(Number(String(params.id).slice(1))),
    'faxes:list': (params) =>
      params.unreadOnly ? pageOf(Math.ceil(options.faxes / 6), (i) => fax(i * 6, options.faxFile.pages, options.faxFile.format), params) : pageOf(options.faxes, (i) => fax(i, options.faxFile.pages, options.faxFile.format), params),
    'faxes:get': (params) => {
      const summary = fax(Number(String(params.id).slice(1)), options.faxFile.pages, options.faxFile.format);
      return { ...summary, sha256: '0'.repeat(64), resolution: options.faxFile.format === 'tiff' ? { x: 204, y: 98 } : null, compression: options.faxFile.format === 'tiff' ? 'CCITT G4' : null, messages: summary.messageIds.map((id) => message(Number(id.slice(1)))) };
    },
    'faxes:file': () => ({ fileName: options.faxFile.fileName, mimeType: options.faxFile.mimeType, base64: options.faxFile.base64 }),
    'faxes:markRead': (params) => ({ ...fax(Number(String(params.id).slice(1)), options.faxFile.pages, options.faxFile.format), read: params.read === true }),
    'prefs:get': () => ({ values: { ...prefDefaults, 'smtp.password': '' }, passwordSet: false, passwordStorage: 'none', configPath: '/synthetic/config.json' }),
    'mailbox:list': () => ({ dir: '/synthetic/mailbox', items: [] }),
  };
  await page.routeWebSocket(/\/api/, (socket) => {
    socket.onMessage((data) => {
      const frame = JSON.parse(String(data)) as { t: string; id: number; method: string; params: Record<string, unknown> };
      if (frame.t !== 'call') return;
      const handler = handlers[frame.method];
      const result = handler ? { ok: true, value: handler(frame.params ?? {}) } : { ok: false, error: { code: 'E_UNAVAILABLE', message: 'not part of the synthetic engine' } };
      socket.send(JSON.stringify({ t: 'reply', id: frame.id, result }));
    });
  });
}
