// diagnose against a real smtp-server, directly and behind a proxy that drops the connection at QUIT.
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/core/clock';
import { silentLogger } from '../../../main/core/logger';
import { diagnose, formatDiagnoseReport } from '../../../main/core/smtp/diagnose';
import { testSettings } from '../../support/eml';
import { FaultProxy } from '../../support/faultProxy';
import { SmtpSink } from '../../support/smtpSink';
import { testCert } from '../../support/tlsCert';

let sink: SmtpSink | undefined;
let proxy: FaultProxy | undefined;
const deps = { clock: systemClock, logger: silentLogger };

afterEach(async () => {
  await proxy?.close();
  await sink?.close();
  proxy = undefined;
  sink = undefined;
});

describe('diagnose', () => {
  it('reports greeting, extensions, TLS, login and the 221, and sends no message', async () => {
    sink = new SmtpSink({ tls: 'starttls', auth: { user: 'fax', pass: 'pw-123456' } });
    const { port } = await sink.start();
    const report = await diagnose(testSettings(port, { security: 'starttls', ca: testCert().cert, username: 'fax', password: 'pw-123456' }), deps);
    expect(report).toMatchObject({ connected: true, auth: { ok: true }, quit: { answered221: true, reply: '221 Bye' } });
    expect(report.greeting).toMatch(/^220 /);
    expect(report.extensions).toContain('PIPELINING');
    expect(report.tls).toMatchObject({ protocol: 'TLSv1.3', authorized: true });
    expect(report.recommendation).toBe("Keep 'Treat dropped QUIT as delivered' on; nothing is lost either way: this server answers QUIT with 221.");
    expect(sink.messages).toHaveLength(0);
    expect(report.transcript.some((l) => l.text.startsWith('MAIL'))).toBe(false);
    expect(JSON.stringify(report)).not.toContain('pw-123456');
    const text = formatDiagnoseReport(report);
    expect(text).toContain('QUIT:        answered 221 Bye in');
    expect(text).toContain('certificate ok');
    expect(text).toContain('Login:       ok');
  });

  it('says when the server drops the connection at QUIT, and recommends keeping the setting on', async () => {
    sink = new SmtpSink();
    const { port } = await sink.start();
    proxy = new FaultProxy({ host: '127.0.0.1', port }, { at: 'quit', action: { kind: 'drop' } });
    const proxied = await proxy.start();
    const report = await diagnose(testSettings(proxied.port), deps);
    expect(report.quit).toMatchObject({ answered221: false });
    expect(report.recommendation).toBe(
      "Keep 'Treat dropped QUIT as delivered' on: this server drops the connection at QUIT, strict mode would send duplicates.",
    );
    expect(formatDiagnoseReport(report)).toMatch(/QUIT: {8}no 221 \(ECONNECTION: The server closed the connection without answering QUIT\)/);
  });

  it('reports a refused login and a connection that fails', async () => {
    sink = new SmtpSink({ auth: { user: 'fax', pass: 'right' } });
    const { port } = await sink.start();
    const refused = await diagnose(testSettings(port, { username: 'fax', password: 'wrong' }), deps);
    expect(refused.auth).toEqual({ ok: false, reply: '535 5.7.8 Authentication credentials invalid' });
    expect(refused.recommendation).toMatch(/user name or password/);
    await sink.close();
    sink = undefined;
    const down = await diagnose(testSettings(port), deps);
    expect(down).toMatchObject({ connected: false, error: { code: 'ECONNREFUSED', phase: 'connect' } });
    expect(formatDiagnoseReport(down)).toContain('Error:       ECONNREFUSED');
  });
});
