// The filter row above a long list: a search field first, the list's own filters, and "Clear filters" when any is set.
import type { ReactNode } from 'react';

export interface FilterBarProps {
  label: string;
  search: string;
  placeholder: string;
  onSearch(text: string): void;
  /** Present while a filter is set. */
  onClear?: () => void;
  children: ReactNode;
}

export function FilterBar({ label, search, placeholder, onSearch, onClear, children }: FilterBarProps) {
  return (
    <form className="filters" role="search" aria-label={label} onSubmit={(event) => event.preventDefault()}>
      <label className="grow">
        <span>Search</span>
        <input type="search" placeholder={placeholder} value={search} onChange={(event) => onSearch(event.target.value)} />
      </label>
      {children}
      {onClear && (
        <button type="button" onClick={onClear}>
          Clear filters
        </button>
      )}
    </form>
  );
}
