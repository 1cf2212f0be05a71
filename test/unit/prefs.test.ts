import { describe, expect, it } from 'vitest';
import { checkPref, checkPrefsTogether, prefDefaults, prefKeys } from '../../shared/prefs';

describe('preference schema', () => {
  it('accepts every default', () => {
    for (const key of prefKeys) expect(checkPref(key, prefDefaults[key])).toEqual({ ok: true, value: prefDefaults[key] });
  });

  it('refuses a bad value with the key named and what is allowed', () => {
    expect(checkPref('smtp.port', 70000)).toEqual({ ok: false, message: 'smtp.port must be a port number from 1 to 65535' });
    expect(checkPref('smtp.security', 'ssl')).toEqual({ ok: false, message: 'smtp.security must be one of none, starttls, tls' });
    expect(checkPref('delivery.treatDroppedQuitAsDelivered', 'yes')).toMatchObject({
      ok: false,
      message: 'delivery.treatDroppedQuitAsDelivered must be true or false',
    });
  });

  it('names the element of a list that is wrong', () => {
    const result = checkPref('inbox.routes', [{ match: { to: '+4930*' }, deliverTo: ['not-an-address'] }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^inbox\.routes\[0\.deliverTo\.0\] must be an e-mail address/);
  });

  it('refuses a minimum backoff above the maximum', () => {
    expect(checkPrefsTogether({ ...prefDefaults, 'delivery.retryMinSeconds': 10, 'delivery.retryMaxSeconds': 5 })).toMatch(
      /retryMinSeconds/,
    );
  });
});
