// Checks an SMTP server without sending a message: greeting, extensions, TLS, AUTH, and whether it answers QUIT with 221.
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { replyCode } from './outcome';
import { SmtpSession, SmtpSessionError, type TlsInfo } from './session';
import type { AttemptPhase, SmtpSecurity, SmtpSettings, TranscriptLine } from './types';

export interface DiagnoseReport {
  host: string;
  port: number;
  security: SmtpSecurity;
  /** The server greeted and answered EHLO (and STARTTLS when asked for). */
  connected: boolean;
  greeting?: string;
  /** EHLO keywords after STARTTLS, e.g. ['PIPELINING', 'SIZE 10240000', 'AUTH PLAIN LOGIN']. */
  extensions: string[];
  tls?: TlsInfo;
  /** Only when a username is set. */
  auth?: { ok: boolean; reply?: string };
  quit?: { answered221: boolean; reply?: string; ms: number; error?: string };
  error?: { code: string; message: string; phase: AttemptPhase };
  recommendation: string;
  transcript: TranscriptLine[];
  durationMs: number;
}

export async function diagnose(settings: SmtpSettings, deps: { clock: Clock; logger: Logger }): Promise<DiagnoseReport> {
  const started = deps.clock.now();
  const session = new SmtpSession(settings, deps.clock, deps.logger.child({ component: 'smtp', tnx: 'diagnose' }));
  const report: DiagnoseReport = {
    host: settings.host,
    port: settings.port,
    security: settings.security,
    connected: false,
    extensions: [],
    recommendation: '',
    transcript: session.transcript,
    durationMs: 0,
  };
  try {
    await session.open();
    report.connected = true;
    if (settings.username) {
      try {
        await session.login(settings.username, settings.password ?? '');
        report.auth = { ok: true, ...(session.authReply ? { reply: session.authReply } : {}) };
      } catch (err) {
        const reply = (err as SmtpSessionError).reply ?? session.authReply;
        report.auth = { ok: false, ...(reply ? { reply } : {}) };
        if (session.isBroken) throw err;
      }
    }
    const quitStarted = deps.clock.now();
    const quit = await session.quit();
    report.quit = {
      answered221: replyCode(quit.reply) === 221,
      ...(quit.reply !== undefined ? { reply: quit.reply } : {}),
      ms: deps.clock.now() - quitStarted,
      ...(quit.error ? { error: `${quit.error.code}: ${quit.error.message}` } : {}),
    };
  } catch (err) {
    const error = err instanceof SmtpSessionError ? err : new SmtpSessionError('ECONNECTION', String((err as Error)?.message ?? err), session.phase);
    report.error = { code: error.code, message: error.message, phase: error.phase };
    session.close();
  }
  if (session.greeting !== undefined) report.greeting = session.greeting;
  report.extensions = session.extensions;
  const tls = session.tlsInfo();
  if (tls) report.tls = tls;
  report.recommendation = recommend(report);
  report.durationMs = deps.clock.now() - started;
  return report;
}

function recommend(report: DiagnoseReport): string {
  if (report.error) return `Fix the connection first: ${report.error.message} (while ${report.error.phase}).`;
  if (report.auth && !report.auth.ok) return 'Fix the user name or password first: the server refused the login.';
  if (report.quit?.answered221) {
    return "Keep 'Treat dropped QUIT as delivered' on; nothing is lost either way: this server answers QUIT with 221.";
  }
  return "Keep 'Treat dropped QUIT as delivered' on: this server drops the connection at QUIT, strict mode would send duplicates.";
}

/** The report as text for the `faxdesk diagnose` command. */
export function formatDiagnoseReport(report: DiagnoseReport): string {
  const lines = [`SMTP server ${report.host}:${report.port} (security: ${report.security})`];
  lines.push(`  Greeting:    ${report.greeting ?? '(none)'}`);
  if (report.connected) lines.push(`  Extensions:  ${report.extensions.length ? report.extensions.join(', ') : '(none)'}`);
  if (report.tls) {
    const cert = report.tls.authorized ? 'certificate ok' : `certificate NOT verified (${report.tls.authorizationError ?? 'unknown'})`;
    lines.push(`  TLS:         ${report.tls.protocol ?? '?'} ${report.tls.cipher}, ${cert}${report.tls.subject ? `, for ${report.tls.subject}` : ''}`);
  } else if (report.connected) {
    lines.push('  TLS:         not used');
  }
  if (report.auth) lines.push(`  Login:       ${report.auth.ok ? 'ok' : 'REFUSED'}${report.auth.reply ? ` (${report.auth.reply})` : ''}`);
  if (report.quit) {
    lines.push(
      report.quit.answered221
        ? `  QUIT:        answered ${report.quit.reply} in ${report.quit.ms} ms`
        : `  QUIT:        no 221 (${report.quit.reply ?? report.quit.error ?? 'connection closed'}) after ${report.quit.ms} ms`,
    );
  }
  if (report.error) lines.push(`  Error:       ${report.error.code}: ${report.error.message} (while ${report.error.phase})`);
  lines.push(`  Advice:      ${report.recommendation}`);
  return lines.join('\n');
}
