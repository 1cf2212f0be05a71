// The window's sections, in sidebar order, with their hash routes (`#/received/<id>`) and keyboard shortcuts.
export const sections = [
  { id: 'received', title: 'Received faxes', shortcut: '1' },
  { id: 'sent', title: 'Sent & deliveries', shortcut: '2' },
  { id: 'outbox', title: 'Outbox', shortcut: '3' },
  { id: 'preferences', title: 'Preferences', shortcut: '4' },
] as const;

export type SectionId = (typeof sections)[number]['id'];

export interface Route {
  section: SectionId;
  /** The opened item (a fax or a message), when the hash names one. */
  id?: string;
}

export function routeFromHash(hash: string): Route {
  const [first, second] = hash.replace(/^#\/?/, '').split('/');
  const section = sections.find((candidate) => candidate.id === first)?.id ?? 'received';
  const id = second ? decodedOrUndefined(second) : undefined;
  return id ? { section, id } : { section };
}

/** A hand-typed or truncated address (`#/sent/%`) is no item at all: the route falls back to the section's list. */
function decodedOrUndefined(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

export function sectionFromHash(hash: string): SectionId {
  return routeFromHash(hash).section;
}

export function hrefOf(section: SectionId, id?: string): string {
  return id ? `#/${section}/${encodeURIComponent(id)}` : `#/${section}`;
}
