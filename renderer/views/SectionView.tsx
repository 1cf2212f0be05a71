// Picks the view of the current route: one view per section, each able to open one item (`#/received/<id>`).
import { OutboxView } from './OutboxView';
import { PreferencesView, ViewLoading } from './lazyViews';
import type { FaxdeskApi } from '../../shared/api';
import { askFaxesFirstPage, ReceivedView } from './ReceivedView';
import type { Route } from './sections';
import { askHistoryFirstPage, SentView } from './SentView';

/** Asks for the first page of the section the window opens on, before React has drawn it. */
export function askOpeningPage(api: FaxdeskApi, route: Route): void {
  if (route.section === 'sent') askHistoryFirstPage(api);
  else if (route.section === 'received') askFaxesFirstPage(api);
}

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
