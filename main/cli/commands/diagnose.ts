// `faxdesk diagnose`: checks the configured SMTP server without sending a message, and advises on the QUIT setting.
import { CommandError, type Command } from '../command';
import { withClientEngine } from '../engineFor';
import { formatDiagnoseReport } from '../../core/smtp/diagnose';

export const diagnoseCommand: Command = {
  name: 'diagnose',
  summary: 'Check the SMTP server (greeting, TLS, login, QUIT reply) without sending a message',
  usage: 'faxdesk diagnose [--data DIR]',
  async run(context) {
    return withClientEngine(context, async (engine) => {
      let report;
      try {
        report = await engine.diagnose();
      } catch (error) {
        throw new CommandError((error as Error).message);
      }
      context.out(formatDiagnoseReport(report));
      return report.connected && !report.error && report.auth?.ok !== false ? 0 : 1;
    });
  },
};
