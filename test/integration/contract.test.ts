import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import pkg from '../../package.json';
import { webSocketUrl } from '../../renderer/api/webSocketTransport';
import { electronFixture, webSocketFixture, type TransportFixture } from '../support/transports';

const fixtures = { electron: electronFixture, websocket: webSocketFixture };

describe.each(Object.entries(fixtures))('the contract over the %s transport', (_name, makeFixture) => {
  let fixture: TransportFixture;
  afterEach(async () => fixture?.close());

  it('answers app.info with the version and data folder of the engine', async () => {
    fixture = await makeFixture();
    const result = await fixture.api.app.info();
    expect(result).toEqual({
      ok: true,
      value: { name: 'faxdesk', version: pkg.version, dataDir: fixture.engine.dataDir, engine: fixture.engine.state },
    });
    expect(result.ok && result.value.engine.status).toBe('running');
  });

  it('refuses a payload that fails its schema, naming what is wrong', async () => {
    fixture = await makeFixture();
    const result = await fixture.transport.invoke('app:info', { verbose: true });
    expect(result).toEqual({ ok: false, error: { code: 'E_INVALID_PAYLOAD', message: expect.stringContaining('app:info was refused') } });
    expect(!result.ok && result.error.message).toMatch(/verbose/);
    const notAnObject = await fixture.transport.invoke('app:info', 'hello');
    expect(notAnObject).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD' } });
  });

  it('refuses a method that is not in the contract', async () => {
    fixture = await makeFixture();
    // Bypass the typed API on purpose: a compromised page could send anything.
    const result = await (fixture.transport.invoke as (m: string, p: unknown) => Promise<unknown>)('fs:readFile', { path: '/etc/passwd' });
    expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/E_UNKNOWN_METHOD|E_FORBIDDEN_SENDER/) } });
  });

  it('pushes engine state changes to the window and stops when unsubscribed', async () => {
    fixture = await makeFixture();
    const seen: string[] = [];
    const unsubscribe = fixture.api.app.onDidChangeState((state) => seen.push(`${state.status}: ${state.detail}`));
    fixture.engine.setState('running', 'Delivering 2 messages');
    await expect.poll(() => seen).toEqual(['running: Delivering 2 messages']);
    unsubscribe();
    fixture.engine.setState('error', 'Server unreachable');
    // A round trip after the change makes sure an event, had it been sent, would have arrived first.
    await fixture.api.app.info();
    expect(seen).toEqual(['running: Delivering 2 messages']);
  });
});

describe('sender checks', () => {
  let fixture: (TransportFixture & { url?: string }) | undefined;
  afterEach(async () => fixture?.close());

  it('refuses calls from a frame that is not the faxdesk window', async () => {
    fixture = await electronFixture('https://attacker.example/page.html');
    const result = await fixture.api.app.info();
    expect(result).toEqual({
      ok: false,
      error: { code: 'E_FORBIDDEN_SENDER', message: 'app:info was refused: the page https://attacker.example/page.html may not call faxdesk.' },
    });
  });

  it('refuses a WebSocket with a wrong token or from another origin', async () => {
    const ws = await webSocketFixture();
    fixture = ws;
    const origin = new URL(ws.url).origin;
    const status = (url: string, headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(url, { headers });
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.on('open', () => {
          socket.close();
          resolve(101);
        });
        socket.on('error', () => resolve(-1));
      });
    expect(await status(webSocketUrl(origin, 'wrong-token'), { origin })).toBe(401);
    expect(await status(webSocketUrl(origin, ws.server.token), { origin: 'https://attacker.example' })).toBe(403);
    expect(await status(webSocketUrl(origin, ws.server.token), { origin })).toBe(101);
  });

  it('serves the window only with the printed token', async () => {
    const ws = await webSocketFixture();
    fixture = ws;
    const good = await fetch(ws.url);
    expect(good.status).toBe(200);
    expect(good.headers.get('content-security-policy')).toContain("default-src 'none'");
    const bad = await fetch(ws.url.replace(/token=.*/, 'token=nope'));
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain('This faxdesk link is not valid');
  });

  it('answers a path it cannot decode with 404 and keeps serving', async () => {
    const ws = await webSocketFixture();
    fixture = ws;
    const origin = new URL(ws.url).origin;
    for (const bad of ['/%', '/assets/%E0%A4%A', '/%2e%2e/config.json']) expect((await fetch(origin + bad)).status, bad).toBe(404);
    expect((await fetch(ws.url)).status).toBe(200);
  });
});
