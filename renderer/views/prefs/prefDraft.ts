// The Preferences form's model: what the user typed per key, turned into values and checked with shared/prefs
// exactly as main will check them, so a bad value is refused next to its field before anything is sent.
import { checkPref, checkPrefsTogether, prefKeys, type PrefKey, type Prefs, type Route } from '../../../shared/prefs';

export type FieldKind = 'text' | 'number' | 'bool' | 'list' | 'password' | 'routes' | 'choice';

/** A routing rule as its editor row holds it: the addresses still as typed. */
export interface RouteRow {
  to: string;
  from: string;
  csid: string;
  deliverTo: string;
}

export type Raw = string | boolean | RouteRow[];
export type Draft = Partial<Record<PrefKey, Raw>>;

export const splitList = (text: string): string[] =>
  text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean);

export function rowsOf(routes: Route[]): RouteRow[] {
  return routes.map((route) => ({
    to: route.match.to ?? '',
    from: route.match.from ?? '',
    csid: route.match.csid ?? '',
    deliverTo: route.deliverTo.join(', '),
  }));
}

export function routesOf(rows: RouteRow[]): Route[] {
  return rows.map((row) => {
    const match: Route['match'] = {};
    if (row.to.trim()) match.to = row.to.trim();
    if (row.from.trim()) match.from = row.from.trim();
    if (row.csid.trim()) match.csid = row.csid.trim();
    return { match, deliverTo: splitList(row.deliverTo) };
  });
}

/** What the field shows for a stored value. */
export function rawOf(kind: FieldKind, value: unknown): Raw {
  switch (kind) {
    case 'bool':
      return value === true;
    case 'list':
      return Array.isArray(value) ? value.join(', ') : '';
    case 'routes':
      return rowsOf(Array.isArray(value) ? (value as Route[]) : []);
    case 'password':
      return '';
    default:
      return value === undefined || value === null ? '' : String(value);
  }
}

/** The value a field's text stands for; text that is no number stays text, so checkPref names the problem. */
export function valueOf(kind: FieldKind, raw: Raw): unknown {
  switch (kind) {
    case 'number': {
      const text = String(raw).trim();
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    }
    case 'list':
      return splitList(String(raw));
    case 'routes':
      return routesOf(raw as RouteRow[]);
    default:
      return raw;
  }
}

/** Every edited key's message, if its value would be refused; the cross-key rule lands on the first key it names. */
export function checkDraft(draft: Draft, saved: Prefs, kinds: Record<PrefKey, FieldKind>): Partial<Record<PrefKey, string>> {
  const errors: Partial<Record<PrefKey, string>> = {};
  const merged = { ...saved } as Record<PrefKey, unknown>;
  for (const [key, raw] of Object.entries(draft) as Array<[PrefKey, Raw]>) {
    let value = valueOf(kinds[key], raw);
    // Text that is no number gets the schema's own range message ("must be a whole number from 1 to 100") by
    // checking a number below every range instead, rather than zod's "expected number, received string".
    if (kinds[key] === 'number' && typeof value === 'string') value = Number.MIN_SAFE_INTEGER;
    const checked = checkPref(key, value);
    if (checked.ok) merged[key] = checked.value;
    else errors[key] = checked.message;
  }
  if (Object.keys(errors).length === 0) {
    const together = checkPrefsTogether(merged as Prefs);
    const key = together ? keyNamedIn(together) : undefined;
    if (together && key) errors[key] = together;
  }
  return errors;
}

/** The preference a message from main names (the longest key found, so "smtp.password" beats "smtp.pass…"). */
export function keyNamedIn(message: string): PrefKey | undefined {
  return [...prefKeys].sort((a, b) => b.length - a.length).find((key) => message.includes(key));
}

/** For a routes message such as "inbox.routes[2.deliverTo.0] …": the rule's index. */
export function routeIndexIn(message: string): number | undefined {
  const match = /inbox\.routes\[(\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}
