// The reply union every API call returns (Signal-style): { ok: true, value } | { ok: false, error }.
import type { ApiErrorShape, ErrorCode } from './errors';

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: ApiErrorShape };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string): Err => ({ ok: false, error: { code, message } });
