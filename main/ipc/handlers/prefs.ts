// Handlers of the preferences domain (settings, server diagnosis, the local mailbox).
import path from 'node:path';
import type { DiagnoseReportView } from '../../../shared/contract';
import { ApiError } from '../../../shared/errors';
import { PreferenceError } from '../../core/prefs/preferences';
import type { Engine } from '../../core/services';
import { formatDiagnoseReport, type DiagnoseReport } from '../../core/smtp/diagnose';
import { LocalMailbox, MailboxError } from '../../core/smtp/localMailbox';
import type { Handlers } from '../dispatcher';

type PrefsHandlers = Pick<Handlers, 'prefs:get' | 'prefs:set' | 'server:diagnose' | 'mailbox:list' | 'mailbox:read'>;

const mailboxErrorCodes = { 'invalid-name': 'E_INVALID_PAYLOAD', 'not-found': 'E_NOT_FOUND', unreadable: 'E_INVALID_STATE' } as const;

export function diagnoseView(report: DiagnoseReport): DiagnoseReportView {
  const steps: DiagnoseReportView['steps'] = [
    { name: 'Connect and greeting', ok: report.greeting !== undefined, detail: report.greeting ?? report.error?.message ?? 'no greeting' },
  ];
  if (report.connected) steps.push({ name: 'EHLO', ok: true, detail: report.extensions.join(', ') || '(no extensions)' });
  if (report.tls) steps.push({ name: 'TLS', ok: report.tls.authorized, detail: `${report.tls.protocol ?? '?'} ${report.tls.cipher}` });
  if (report.auth) steps.push({ name: 'Login', ok: report.auth.ok, detail: report.auth.reply ?? (report.auth.ok ? 'accepted' : 'refused') });
  if (report.quit) {
    steps.push({ name: 'QUIT', ok: report.quit.answered221, detail: report.quit.reply ?? report.quit.error ?? 'connection closed without a reply' });
  }
  if (report.error) steps.push({ name: `Error while ${report.error.phase}`, ok: false, detail: `${report.error.code}: ${report.error.message}` });
  return {
    ok: report.connected && !report.error && report.auth?.ok !== false,
    target: `${report.host}:${report.port}`,
    steps,
    quitAnswered: report.quit ? report.quit.answered221 : null,
    recommendation: report.recommendation,
    text: formatDiagnoseReport(report),
  };
}

export function prefsHandlers(engine: Engine): PrefsHandlers {
  // In 'client' mode the engine runs no mailbox server, but the folder can still be listed and read.
  const mailbox = () => engine.mailbox ?? new LocalMailbox({ dir: engine.mailboxDir, logger: engine.logger });
  return {
    'prefs:get': () => engine.prefs.view(),
    'prefs:set': ({ values }) => {
      // A file the engine reads as the password is for the command line only: a page that could name any file here,
      // and a server to send it to, could make faxdesk hand that file to the server as its login.
      if ('smtp.passwordFile' in values) {
        throw new ApiError('E_INVALID_PREFERENCE', 'smtp.passwordFile can be set only with the faxdesk command ("faxdesk prefs set smtp.passwordFile FILE"), not from the window');
      }
      try {
        engine.prefs.set(values);
      } catch (error) {
        if (error instanceof PreferenceError) throw new ApiError('E_INVALID_PREFERENCE', error.message);
        throw error;
      }
      return engine.prefs.view();
    },
    'server:diagnose': async () => {
      try {
        return diagnoseView(await engine.diagnose());
      } catch (error) {
        throw new ApiError('E_INVALID_STATE', (error as Error).message);
      }
    },
    'mailbox:list': async ({ limit }) => {
      const box = mailbox();
      const entries = await box.list().catch(() => []);
      const newest = [...entries].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)).slice(0, limit);
      return {
        dir: engine.mailboxDir,
        // The name alone, as mailbox:read takes it: the window never handles paths on this disk.
        items: await Promise.all(
          newest.map(async (entry) => {
            const file = path.basename(entry.file);
            return { file, sizeBytes: entry.size, receivedAt: entry.receivedAt, subject: await box.subjectOf(file) };
          }),
        ),
      };
    },
    'mailbox:read': async ({ file }) => {
      try {
        return await mailbox().read(file);
      } catch (error) {
        if (error instanceof MailboxError) throw new ApiError(mailboxErrorCodes[error.reason], error.message);
        throw error;
      }
    },
  };
}
