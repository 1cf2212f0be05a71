// Under a list's filters: how many rows there are, or why there are none (loading, an error from main, empty).
import type { ReactNode } from 'react';
import type { PagedList } from '../api/usePagedList';
import { describeError } from '../api/useCall';
import { EmptyState } from './EmptyState';
import { Notice } from './Notice';

export interface ListBodyProps {
  list: PagedList<unknown>;
  filtered: boolean;
  /** "fax" / "faxes": for the count and the messages. */
  noun: [one: string, many: string];
  what: string;
  empty: { title: string; text: string };
  testId: string;
  children: ReactNode;
}

export function ListBody({ list, filtered, noun, what, empty, testId, children }: ListBodyProps) {
  const [one, many] = noun;
  const count = `${list.total.toLocaleString()} ${list.total === 1 ? one : many}`;
  return (
    <>
      <div className="list-summary muted" aria-live="polite" data-testid={testId}>
        {list.status === 'loading' && list.total === 0 ? `Loading ${many}…` : list.status === 'ready' ? count : ''}
      </div>
      {list.status === 'failed' && list.error ? (
        <Notice tone="error" title={`${what} is not available`}>
          {describeError(list.error, what)}
        </Notice>
      ) : list.status === 'ready' && list.total === 0 ? (
        filtered ? (
          <EmptyState title={`No ${one} matches`}>Change or clear the filters to see more {many}.</EmptyState>
        ) : (
          <EmptyState title={empty.title}>{empty.text}</EmptyState>
        )
      ) : (
        children
      )}
    </>
  );
}
