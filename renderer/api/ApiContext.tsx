// Gives every view the faxdesk API without passing it down by hand.
import { createContext, useContext } from 'react';
import type { FaxdeskApi } from '../../shared/api';

export const ApiContext = createContext<FaxdeskApi | null>(null);

export function useApi(): FaxdeskApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiContext.Provider>');
  return api;
}
