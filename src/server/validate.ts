import { ID_PATTERN, ID_RULE, MAX_TEXT_LENGTH } from '../core/ids.js';
import { LivedigitalApiError } from './errors.js';

export { ID_PATTERN } from '../core/ids.js';
export const MAX_TEXT = MAX_TEXT_LENGTH;

/** Refused locally: flagged so, and the message says nothing was sent. */
export function invalid(message: string): LivedigitalApiError {
  return new LivedigitalApiError('invalid-params', 0, `${message} (nothing was sent to livedigital)`, { refusedLocally: true });
}

export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_TEXT_LENGTH;
}

/** A checked id, ready for a path segment. */
export function checkId(name: string, value: unknown): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw invalid(`${name} must be ${ID_RULE}`);
  }
  return encodeURIComponent(value);
}
