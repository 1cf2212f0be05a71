// The received-fax sidecar and sent-fax report parsers: good files, and every way a fax line can get them wrong.
import { describe, expect, it } from 'vitest';
import { parseReceivedSidecar, parseSentReport } from '../../../main/core/inbox/sidecar';

describe('parseReceivedSidecar', () => {
  it('reads every field of a good sidecar', () => {
    const text = JSON.stringify({ from: '+49 30 1234 5678', to: '+49 30 555', csid: 'ACME Legal', receivedAt: '2026-12-03T14:05:00Z', pages: 3 });
    expect(parseReceivedSidecar(text)).toEqual({
      ok: true,
      value: { from: '+49 30 1234 5678', to: '+49 30 555', csid: 'ACME Legal', receivedAt: '2026-12-03T14:05:00Z', pages: 3 },
    });
  });

  it('takes an empty object, nulls and empty strings as "not known", and ignores fields it does not know', () => {
    expect(parseReceivedSidecar('{}')).toEqual({ ok: true, value: {} });
    expect(parseReceivedSidecar('{"from": null, "csid": "", "duration": 42}')).toEqual({ ok: true, value: {} });
  });

  it('accepts a byte order mark and surrounding spaces', () => {
    expect(parseReceivedSidecar('\ufeff { "from": "  +49 30 1 " }\n')).toEqual({ ok: true, value: { from: '+49 30 1' } });
  });

  it('says so when the text is not JSON', () => {
    const result = parseReceivedSidecar('from=+49 30 1234');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^The fax details file is not valid JSON \(.+\)\.$/);
    expect(parseReceivedSidecar('')).toEqual({ ok: false, reason: 'The fax details file is empty.' });
    expect(parseReceivedSidecar('["+49 30 1234"]')).toEqual({
      ok: false,
      reason: 'The fax details file must be a JSON object such as {"from": "+49 30 1234"}, not a list.',
    });
  });

  it('refuses CR/LF (header injection) with the field named', () => {
    expect(parseReceivedSidecar(JSON.stringify({ csid: 'ACME\r\nBcc: victim@example.com' }))).toEqual({
      ok: false,
      reason: 'In the fax details file, csid contains a line break or another control character, which is not allowed.',
    });
    expect(parseReceivedSidecar(JSON.stringify({ from: '+49\n30' }))).toMatchObject({ ok: false, reason: expect.stringMatching(/from contains a line break/) });
    expect(parseReceivedSidecar(JSON.stringify({ to: 'x\u0000y' }))).toMatchObject({ ok: false, reason: expect.stringMatching(/to contains/) });
    expect(parseReceivedSidecar(JSON.stringify({ csid: 'a\u2028b' }))).toMatchObject({ ok: false, reason: expect.stringMatching(/csid contains/) });
  });

  it('refuses a 10,000-character value with the field named', () => {
    expect(parseReceivedSidecar(JSON.stringify({ from: '1'.repeat(10_000) }))).toEqual({
      ok: false,
      reason: 'In the fax details file, from is 10000 characters long; at most 256 are allowed.',
    });
  });

  it('refuses wrong types with the field named', () => {
    expect(parseReceivedSidecar('{"from": 4930123}')).toEqual({ ok: false, reason: 'In the fax details file, from must be text.' });
    expect(parseReceivedSidecar('{"pages": "3"}')).toEqual({ ok: false, reason: 'In the fax details file, pages must be a number.' });
    expect(parseReceivedSidecar('{"pages": 2.5}')).toEqual({ ok: false, reason: 'In the fax details file, pages must be a whole number from 1 to 1000.' });
    expect(parseReceivedSidecar('{"pages": 0}')).toMatchObject({ ok: false });
    expect(parseReceivedSidecar('{"receivedAt": "yesterday"}')).toEqual({
      ok: false,
      reason: 'In the fax details file, receivedAt must be a date and time such as 2026-12-03T14:05:00Z.',
    });
  });

  it('refuses a file far bigger than any sidecar before parsing it', () => {
    const result = parseReceivedSidecar(JSON.stringify({ from: 'x', padding: ' '.repeat(100_000) }));
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/at most 64 KB is allowed/) });
  });
});

describe('parseSentReport', () => {
  const good = {
    jobId: 'job-17',
    to: '+49 30 1234',
    recipient: 'Müller & Söhne',
    pages: 2,
    status: 'failed',
    error: 'No carrier detected',
    completedAt: '2026-12-03T14:05:00+01:00',
    notify: 'anna@example.com',
  };

  it('reads a full report', () => {
    expect(parseSentReport(JSON.stringify(good))).toEqual({ ok: true, value: good });
  });

  it('takes a numeric job id (HylaFAX numbers its jobs) as text', () => {
    expect(parseSentReport('{"jobId": 4711, "to": "+49 30 1", "status": "sent"}')).toEqual({
      ok: true,
      value: { jobId: '4711', to: '+49 30 1', status: 'sent' },
    });
  });

  it('names what is missing or wrong', () => {
    expect(parseSentReport('{"to": "1", "status": "sent"}')).toEqual({ ok: false, reason: 'In the sent-fax report, jobId is missing.' });
    expect(parseSentReport('{"jobId": "1", "status": "sent"}')).toEqual({ ok: false, reason: 'In the sent-fax report, to is missing.' });
    expect(parseSentReport('{"jobId": "1", "to": "1"}')).toEqual({ ok: false, reason: 'In the sent-fax report, status is missing.' });
    expect(parseSentReport('{"jobId": "1", "to": "1", "status": "ok"}')).toEqual({
      ok: false,
      reason: 'In the sent-fax report, status must be "sent" or "failed".',
    });
    expect(parseSentReport('{"jobId": true, "to": "1", "status": "sent"}')).toEqual({
      ok: false,
      reason: 'In the sent-fax report, jobId must be text or a whole number.',
    });
    expect(parseSentReport(JSON.stringify({ ...good, notify: 'not an address' }))).toEqual({
      ok: false,
      reason: 'In the sent-fax report, notify must be an e-mail address such as fax@example.com.',
    });
  });

  it('refuses CR/LF in any value, including the notify address and the error text', () => {
    expect(parseSentReport(JSON.stringify({ ...good, notify: 'anna@example.com\r\nBcc: all@example.com' }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^In the sent-fax report, notify contains a line break/),
    });
    expect(parseSentReport(JSON.stringify({ ...good, recipient: 'A\rB' }))).toMatchObject({ ok: false, reason: expect.stringMatching(/recipient contains/) });
    expect(parseSentReport(JSON.stringify({ ...good, error: 'line 1\nline 2' }))).toMatchObject({ ok: false, reason: expect.stringMatching(/error contains/) });
  });

  it('limits lengths, with more room for the error text', () => {
    expect(parseSentReport(JSON.stringify({ ...good, recipient: 'x'.repeat(10_000) }))).toEqual({
      ok: false,
      reason: 'In the sent-fax report, recipient is 10000 characters long; at most 256 are allowed.',
    });
    expect(parseSentReport(JSON.stringify({ ...good, error: 'e'.repeat(900) })).ok).toBe(true);
    expect(parseSentReport(JSON.stringify({ ...good, error: 'e'.repeat(1001) })).ok).toBe(false);
  });

  it('says so when the report is not JSON', () => {
    expect(parseSentReport('{"jobId": 1,')).toMatchObject({ ok: false, reason: expect.stringMatching(/^The sent-fax report is not valid JSON/) });
  });
});
