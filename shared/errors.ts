// Error codes that cross the IPC boundary, in one place (nodemailer-style: ECONNECTION, EAUTH ...).

export const errorCodes = {
  E_UNKNOWN_METHOD: 'The method is not part of the faxdesk API.',
  E_INVALID_PAYLOAD: 'The request did not match its schema.',
  E_FORBIDDEN_SENDER: 'The request came from a page that may not call faxdesk.',
  E_NOT_FOUND: 'The item does not exist (any more).',
  E_INVALID_STATE: 'The item is not in a state that allows this.',
  E_INVALID_PREFERENCE: 'A preference value was refused.',
  E_ENGINE_LOCKED: 'Another faxdesk engine is using this data folder.',
  E_UNAVAILABLE: 'faxdesk is starting or stopping; try again in a moment.',
  E_INTERNAL: 'faxdesk could not complete this; the log has the details.',
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
}

/** Thrown by handlers to reply with a specific code; anything else becomes E_INTERNAL. */
export class ApiError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string = errorCodes[code],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
