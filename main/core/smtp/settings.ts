// Maps the preference keys (smtp.*, delivery.*Timeout*) to the delivery agent's SmtpSettings; 'local' means the built-in mailbox.
import type { Prefs } from '../../../shared/prefs';
import type { SmtpSettings } from './types';

/** RFC 5321 4.5.3.2 has no connect timeout; a minute is plenty for a TCP (and TLS) handshake. */
const CONNECT_MS = 60_000;

export function smtpSettingsFromPrefs(prefs: Prefs, password: string | undefined, local?: { port: number }): SmtpSettings {
  const commandMs = prefs['delivery.commandTimeoutSeconds'] * 1000;
  const timeouts = {
    connectMs: Math.min(CONNECT_MS, commandMs),
    // RFC 5321 4.5.3.2.1: the greeting gets the same 5 minutes as MAIL and RCPT.
    greetingMs: commandMs,
    commandMs,
    // RFC 5321 4.5.3.2.6: 10 minutes for the reply to the final dot; a shorter wait is the classic cause of duplicates.
    finalDotMs: prefs['delivery.dataTimeoutSeconds'] * 1000,
    quitMs: prefs['delivery.quitTimeoutSeconds'] * 1000,
  };
  if (prefs['smtp.host'] === 'local') {
    if (!local) throw new Error("smtp.host is 'local' but the built-in mailbox is not running");
    // The built-in mailbox listens on 127.0.0.1 without TLS or AUTH.
    return { host: '127.0.0.1', port: local.port, security: 'none', rejectUnauthorized: true, timeouts };
  }
  const username = prefs['smtp.username'];
  return {
    host: prefs['smtp.host'],
    port: prefs['smtp.port'],
    security: prefs['smtp.security'],
    ...(username ? { username, password: password ?? '' } : {}),
    rejectUnauthorized: prefs['smtp.rejectUnauthorized'],
    timeouts,
  };
}
