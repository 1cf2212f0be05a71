// Where the outbox delivers right now: the built-in local mailbox or the configured server, or why it cannot deliver.
import { smtpSettingsFromPrefs } from '../smtp/settings';
import type { Preferences } from '../prefs/preferences';
import type { DeliveryTarget } from './outboxQueue';

export interface TargetState {
  /** The local mailbox's port once it listens; undefined while it is not running. */
  localPort: number | undefined;
  /** Why the local mailbox could not start, if it could not. */
  localError?: string;
  /** A client engine (`faxdesk send`) never delivers: it only needs to know whether a server is configured. */
  deliverHere: boolean;
}

export function deliveryTarget(prefs: Preferences, state: TargetState): DeliveryTarget {
  const values = prefs.all();
  if (values['smtp.host'] === 'local') {
    if (state.localPort === undefined) {
      if (!state.deliverHere) return { ok: true, settings: smtpSettingsFromPrefs(values, undefined, { port: 0 }), local: true, label: 'the built-in local mailbox' };
      return { ok: false, reason: `The built-in local mailbox is not running${state.localError ? `: ${state.localError}` : ''}.` };
    }
    return { ok: true, settings: smtpSettingsFromPrefs(values, undefined, { port: state.localPort }), local: true, label: 'the built-in local mailbox' };
  }
  const password = values['smtp.username'] ? prefs.password() : '';
  if (values['smtp.username'] && !password) {
    return {
      ok: false,
      reason: `No SMTP password is set for ${values['smtp.username']}: set smtp.password (headless: FAXDESK_SMTP_PASSWORD or smtp.passwordFile).`,
    };
  }
  return {
    ok: true,
    settings: smtpSettingsFromPrefs(values, password),
    local: false,
    label: `${values['smtp.host']}:${values['smtp.port']}`,
  };
}
