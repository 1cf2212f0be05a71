// The section list on the left: links with their shortcuts, arrow keys move between them.
import type { KeyboardEvent } from 'react';
import { sections, type SectionId } from '../views/sections';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

export function Sidebar({ current, counts = {} }: { current: SectionId; counts?: Partial<Record<SectionId, number>> }) {
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a')];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = links[(index + (event.key === 'ArrowDown' ? 1 : links.length - 1)) % links.length];
    next?.focus();
    event.preventDefault();
  };
  return (
    <nav className="sidebar" aria-label="Sections" onKeyDown={onKeyDown}>
      <div className="brand" aria-hidden="true">
        faxdesk
      </div>
      <ul>
        {sections.map((section) => (
          <li key={section.id}>
            <a
              href={`#/${section.id}`}
              aria-current={section.id === current ? 'page' : undefined}
              title={`${section.title} (${isMac ? '⌘' : 'Ctrl+'}${section.shortcut})`}
            >
              <span>{section.title}</span>
              {counts[section.id] ? <span className="count">{counts[section.id]}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
