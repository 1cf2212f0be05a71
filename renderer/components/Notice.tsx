// A banner for what the user should know: an error from main, a warning, or a plain note.
import type { ReactNode } from 'react';

export function Notice({ tone, title, children }: { tone: 'info' | 'warning' | 'error'; title?: string; children?: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'info' ? 'note' : 'alert'}>
      {title && <strong>{title}</strong>}
      {children && <div>{children}</div>}
    </div>
  );
}
