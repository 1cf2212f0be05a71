// Picks the view of the current route: one view per section, each able to open one item (`#/received/<id>`).
import { OutboxView } from './OutboxView';
import { PreferencesView, ViewLoading } from './lazyViews';
import { ReceivedView } from './ReceivedView';
import type { Route } from './sections';
import { SentView } from './SentView';

export function SectionView({ route }: { route: Route }) {
  switch (route.section) {
    case 'received':
      return <ReceivedView openId={route.id} />;
    case 'sent':
      return <SentView openId={route.id} />;
    case 'outbox':
      return <OutboxView openId={route.id} />;
    case 'preferences':
      return (
        <ViewLoading>
          <PreferencesView />
        </ViewLoading>
      );
  }
}
