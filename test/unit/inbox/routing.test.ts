// Routing of received faxes: rule order, number wildcards, CSID matching, the inbox.deliverTo fallback and "not routed".
import { describe, expect, it } from 'vitest';
import { routeSchema, type Route } from '../../../shared/prefs';
import { routeFax } from '../../../main/core/inbox/routing';

// Every rule goes through the preference schema, so the tests use only rules a user could save.
const rules = (...list: Route[]): Route[] => list.map((r) => routeSchema.parse(r));
const fallback = ['office@example.com'];

describe('routeFax', () => {
  const routes = rules(
    { match: { to: '+49 30 1234 10' }, deliverTo: ['sales@example.com'] },
    { match: { to: '+4930*' }, deliverTo: ['berlin@example.com'] },
    { match: { csid: 'acme*' }, deliverTo: ['acme-desk@example.com', 'legal@example.com'] },
    { match: { from: '0800*', to: '+4940*' }, deliverTo: ['hamburg-freephone@example.com'] },
  );

  it('takes the first rule that matches, in order', () => {
    // Both rule 0 and rule 1 match this number; rule 0 comes first.
    expect(routeFax({ to: '+49301234-10' }, routes, fallback)).toEqual({ deliverTo: ['sales@example.com'], rule: 0 });
    expect(routeFax({ to: '+49 30 9999' }, routes, fallback)).toEqual({ deliverTo: ['berlin@example.com'], rule: 1 });
  });

  it('compares numbers without spaces, dashes and parentheses, and a pattern must cover the whole number', () => {
    expect(routeFax({ to: '+49 (30) 1234' }, routes, fallback).rule).toBe(1);
    expect(routeFax({ to: '+49-30-1234' }, routes, fallback).rule).toBe(1);
    // "+4930*" must match from the start: a number that only contains 4930 is not Berlin.
    expect(routeFax({ to: '+1 4930 555' }, routes, fallback)).toEqual({ deliverTo: fallback, rule: null });
    // Without a wildcard the pattern is the whole number: a longer extension does not match rule 0.
    expect(routeFax({ to: '+49 30 1234 100' }, routes, fallback).rule).toBe(1);
  });

  it('matches the CSID without regard to case or the padding fax machines add', () => {
    expect(routeFax({ csid: '  ACME Legal GmbH   ' }, routes, fallback)).toEqual({
      deliverTo: ['acme-desk@example.com', 'legal@example.com'],
      rule: 2,
    });
    expect(routeFax({ csid: 'Acme' }, routes, fallback).rule).toBe(2);
    expect(routeFax({ csid: 'The ACME' }, routes, fallback).rule).toBe(null);
  });

  it('needs every criterion of a rule to match', () => {
    expect(routeFax({ from: '0800 123', to: '+49 40 555' }, routes, fallback).rule).toBe(3);
    expect(routeFax({ from: '0800 123', to: '+49 89 555' }, routes, fallback).rule).toBe(null);
    expect(routeFax({ to: '+49 40 555' }, routes, fallback).rule).toBe(null);
  });

  it('never matches a pattern against a number the line did not report, not even "*"', () => {
    const anyCaller = rules({ match: { from: '*' }, deliverTo: ['known-callers@example.com'] });
    expect(routeFax({}, anyCaller, fallback)).toEqual({ deliverTo: fallback, rule: null });
    expect(routeFax({ from: '' }, anyCaller, fallback)).toEqual({ deliverTo: fallback, rule: null });
    expect(routeFax({ from: '+1 555' }, anyCaller, fallback).rule).toBe(0);
  });

  it('treats a rule without criteria as a catch-all', () => {
    const catchAll = rules({ match: { csid: 'spam*' }, deliverTo: ['spam@example.com'] }, { match: {}, deliverTo: ['all@example.com'] });
    expect(routeFax({ from: '+1 555' }, catchAll, fallback)).toEqual({ deliverTo: ['all@example.com'], rule: 1 });
  });

  it('falls back to inbox.deliverTo when no rule matches', () => {
    expect(routeFax({ to: '+33 1 555' }, routes, ['a@example.com', 'b@example.com', 'a@example.com'])).toEqual({
      deliverTo: ['a@example.com', 'b@example.com'],
      rule: null,
    });
    expect(routeFax({ to: '+33 1 555' }, [], fallback)).toEqual({ deliverTo: fallback, rule: null });
  });

  it('returns an empty list when nobody is configured, so the caller keeps the fax as not routed', () => {
    expect(routeFax({ from: '+49 30 1' }, [], [])).toEqual({ deliverTo: [], rule: null });
  });

  it('treats regular-expression characters in a pattern literally', () => {
    const odd = rules({ match: { csid: 'A.B+C' }, deliverTo: ['odd@example.com'] });
    expect(routeFax({ csid: 'a.b+c' }, odd, []).rule).toBe(0);
    expect(routeFax({ csid: 'aXb+c' }, odd, []).rule).toBe(null);
  });

  it('does not hand out the caller\'s own list for changes', () => {
    const result = routeFax({}, [], fallback);
    result.deliverTo.push('intruder@example.com');
    expect(fallback).toEqual(['office@example.com']);
  });
});
