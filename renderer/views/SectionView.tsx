// Picks the view of the current section (each section grows its own view file as it is built).
import { EmptyState } from '../components/EmptyState';
import type { SectionId } from './sections';

export function SectionView({ section }: { section: SectionId }) {
  switch (section) {
    case 'received':
      return (
        <EmptyState title="No faxes received yet">
          Faxes that arrive in the spool folder appear here, newest first.
        </EmptyState>
      );
    case 'sent':
      return (
        <EmptyState title="Nothing sent yet">
          Every message faxdesk delivers, and every attempt with its SMTP transcript, will be listed here.
        </EmptyState>
      );
    case 'outbox':
      return <EmptyState title="The outbox is empty">Messages waiting to be delivered or retried appear here.</EmptyState>;
    case 'preferences':
      return <EmptyState title="Preferences">The mail server, delivery and inbox settings will be here.</EmptyState>;
  }
}
