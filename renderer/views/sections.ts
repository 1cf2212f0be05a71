// The window's sections, in sidebar order, with their hash routes and keyboard shortcuts.
export const sections = [
  { id: 'received', title: 'Received faxes', shortcut: '1' },
  { id: 'sent', title: 'Sent & deliveries', shortcut: '2' },
  { id: 'outbox', title: 'Outbox', shortcut: '3' },
  { id: 'preferences', title: 'Preferences', shortcut: '4' },
] as const;

export type SectionId = (typeof sections)[number]['id'];

export function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#\/?/, '').split('/')[0];
  return sections.find((section) => section.id === id)?.id ?? 'received';
}
