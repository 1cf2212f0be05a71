// The one error type the fax file checks throw: a code for the importer and a sentence for the person reading rejected/NAME.error.txt.

export type FaxFileErrorCode = 'EMPTY' | 'TOO_LARGE' | 'NOT_A_FAX' | 'CORRUPT' | 'UNSUPPORTED' | 'SYMLINK' | 'UNREADABLE';

export class FaxFileError extends Error {
  override readonly name = 'FaxFileError';

  constructor(
    readonly code: FaxFileErrorCode,
    message: string,
  ) {
    super(message);
  }
}
