// The contract's method and event names without their schemas: enough to build the API object, so the window's first
// script does not carry zod and every schema (about 90 KB) before it can ask for its first rows. The compiler keeps
// these lists equal to the contract's keys (see `sameNames` in ./index.ts).
export const methodNames = [
  'app:info',
  'messages:list',
  'messages:get',
  'messages:counts',
  'messages:retry',
  'messages:cancel',
  'messages:release',
  'messages:sendTest',
  'faxes:list',
  'faxes:get',
  'faxes:file',
  'faxes:markRead',
  'faxes:rejected',
  'prefs:get',
  'prefs:set',
  'server:diagnose',
  'mailbox:list',
  'mailbox:read',
] as const;

export const eventNames = ['app:onDidChangeState', 'messages:onDidChange', 'faxes:onDidChange', 'faxes:onDidReject', 'prefs:onDidChange'] as const;
