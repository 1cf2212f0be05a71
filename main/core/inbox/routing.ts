// Decides who gets a received fax: the first routing rule (inbox.routes) that matches, else inbox.deliverTo.
import type { Route } from '../../../shared/prefs';

export interface FaxParties {
  from?: string;
  /** The called number (DID): how a shared fax line tells departments apart. */
  to?: string;
  csid?: string;
}

export interface RoutingDecision {
  deliverTo: string[];
  /** Index in inbox.routes of the rule that matched, or null for the fallback (or for no one at all). */
  rule: number | null;
}

/**
 * Rules are tried in order and the first match wins. Within a rule every given criterion must match. A criterion
 * never matches a value the fax line did not report: `from: "*"` means "any caller who sent a number".
 * An empty result means nobody is configured; the caller keeps the fax as "not routed" rather than dropping it.
 */
export function routeFax(fax: FaxParties, routes: Route[], defaultTo: string[]): RoutingDecision {
  for (const [index, route] of routes.entries()) {
    if (matches(route, fax)) return { deliverTo: unique(route.deliverTo), rule: index };
  }
  return { deliverTo: unique(defaultTo), rule: null };
}

function matches(route: Route, fax: FaxParties): boolean {
  const { to, from, csid } = route.match;
  if (to !== undefined && !numberMatches(to, fax.to)) return false;
  if (from !== undefined && !numberMatches(from, fax.from)) return false;
  if (csid !== undefined && !csidMatches(csid, fax.csid)) return false;
  return true;
}

/** People write "+49 (30) 1234-5" or "+49301234 5"; only the digits, +, # and * say anything. */
export function normalizeNumber(value: string): string {
  return value.replace(/[\s\-()]/g, '');
}

function numberMatches(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const number = normalizeNumber(value);
  return number !== '' && wildcard(normalizeNumber(pattern), '').test(number);
}

/** T.30 pads the 20-character TSI with spaces, and senders type their station name in any case. */
function normalizeCsid(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

function csidMatches(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const csid = normalizeCsid(value);
  return csid !== '' && wildcard(normalizeCsid(pattern), 'i').test(csid);
}

/** `*` stands for any run of characters; everything else is literal, and the pattern must cover the whole value. */
function wildcard(pattern: string, flags: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, flags);
}

function unique(addresses: string[]): string[] {
  return [...new Set(addresses)];
}
