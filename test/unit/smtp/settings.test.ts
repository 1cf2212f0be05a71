import { describe, expect, it } from 'vitest';
import { prefDefaults } from '../../../shared/prefs';
import { smtpSettingsFromPrefs } from '../../../main/core/smtp/settings';

describe('smtpSettingsFromPrefs', () => {
  it('points the default (smtp.host = local) at the built-in mailbox, in clear text, without AUTH', () => {
    expect(smtpSettingsFromPrefs(prefDefaults, undefined, { port: 2525 })).toEqual({
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
      rejectUnauthorized: true,
      timeouts: { connectMs: 60_000, greetingMs: 300_000, commandMs: 300_000, finalDotMs: 600_000, quitMs: 30_000 },
    });
  });

  it('refuses local when the mailbox is not running', () => {
    expect(() => smtpSettingsFromPrefs(prefDefaults, undefined)).toThrow(/built-in mailbox/);
  });

  it('maps a real server with AUTH and the delivery timeouts', () => {
    const settings = smtpSettingsFromPrefs(
      {
        ...prefDefaults,
        'smtp.host': 'mail.example.com',
        'smtp.port': 587,
        'smtp.security': 'starttls',
        'smtp.username': 'fax',
        'smtp.rejectUnauthorized': false,
        'delivery.commandTimeoutSeconds': 30,
        'delivery.dataTimeoutSeconds': 900,
        'delivery.quitTimeoutSeconds': 5,
      },
      'secret',
    );
    expect(settings).toEqual({
      host: 'mail.example.com',
      port: 587,
      security: 'starttls',
      username: 'fax',
      password: 'secret',
      rejectUnauthorized: false,
      timeouts: { connectMs: 30_000, greetingMs: 30_000, commandMs: 30_000, finalDotMs: 900_000, quitMs: 5_000 },
    });
  });

  it('leaves AUTH out when no username is set, even with a password', () => {
    const settings = smtpSettingsFromPrefs({ ...prefDefaults, 'smtp.host': 'mail.example.com' }, 'secret');
    expect(settings.username).toBeUndefined();
    expect(settings.password).toBeUndefined();
  });
});
