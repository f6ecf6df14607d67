import { LivedigitalApiError } from './errors.js';

// Vendor ids are 24 hex digits today; accept the same alphabet as aliases so a path can never be bent.
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_TEXT = 256;

/** Refused locally: status 0, and the message says nothing was sent. */
export function invalid(message: string): LivedigitalApiError {
  return new LivedigitalApiError('invalid-params', 0, `${message} (nothing was sent to livedigital)`);
}

export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_TEXT;
}

/** A checked id, ready for a path segment. */
export function checkId(name: string, value: unknown): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw invalid(`${name} must be 1–64 letters, digits, "_" or "-"`);
  }
  return encodeURIComponent(value);
}
