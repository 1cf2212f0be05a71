// The first page of the list the window opens on, asked for by the entry script as soon as the connection is up:
// React and the views are still loading then, so the rows travel while the window's script is fetched and compiled.
// React-free on purpose: the entry script must stay small.
import type { FaxdeskApi } from '../../shared/api';
import type { Route } from '../views/sections';
import { askEarly, earlyKey } from './earlyPages';
import { firstPageSize } from './pagedRows';

/** The query of an unfiltered list: what the history's and the fax list's toParams give for no filters (a unit test
 *  holds them to it; were they to differ, the view would just ask again). */
export const unfiltered = {};

export function askOpeningPage(api: FaxdeskApi, route: Route): void {
  if (route.section === 'sent') {
    askEarly(earlyKey('sent', unfiltered), () => api.messages.list({ ...unfiltered, cursor: null, limit: firstPageSize }), (listener) => api.messages.onDidChange(() => listener()));
  } else if (route.section === 'received') {
    askEarly(earlyKey('received', unfiltered), () => api.faxes.list({ ...unfiltered, cursor: null, limit: firstPageSize }), (listener) => api.faxes.onDidChange(() => listener()));
  }
}
