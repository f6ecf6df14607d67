import { parseUrl } from '../../core/origins.js';
import { LivedigitalApiError } from '../errors.js';
import type { ApiCall } from '../transport.js';
import { ID_PATTERN, invalid, MAX_TEXT } from '../validate.js';

/**
 * Request bodies for the management API, built field by field from what the caller passed: a
 * documented field is checked before anything is sent, a field the vendor's guides do not describe
 * travels only through `extra`, so nothing reaches livedigital by accident.
 */

/** A JSON value the vendor may accept for a field its guides do not describe. */
export type ExtraFieldValue = string | number | boolean | null | ExtraFieldValue[] | { [key: string]: ExtraFieldValue };

/**
 * Fields the vendor's Swagger has and the guides do not describe (e.g. a room's `templateId` or
 * `isHandRaisingAllowed`): sent as given, after the documented ones. They may not repeat a
 * documented field, so a typed setting cannot be overridden by accident.
 */
export type ExtraFields = Record<string, ExtraFieldValue>;

export type Body = Record<string, unknown>;
type Input = Record<string, unknown>;

export function objectOf(what: string, value: unknown): Input {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${what} must be an object`);
  return value as Input;
}

/** Values are never echoed in messages: names, e-mails and URLs may be personal data. */
export function text(body: Body, input: Input, key: string, options: { required?: boolean; max?: number } = {}): void {
  const value = input[key];
  const max = options.max ?? MAX_TEXT;
  if (value === undefined) {
    if (options.required) throw invalid(`${key} is required: a non-empty string of at most ${max} characters`);
    return;
  }
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw invalid(`${key} must be a non-empty string of at most ${max} characters`);
  }
  body[key] = value;
}

export function flag(body: Body, input: Input, key: string, options: { required?: boolean } = {}): void {
  const value = input[key];
  if (value === undefined) {
    if (options.required) throw invalid(`${key} is required: true or false`);
    return;
  }
  if (typeof value !== 'boolean') throw invalid(`${key} must be true or false`);
  body[key] = value;
}

export function oneOf(body: Body, input: Input, key: string, allowed: readonly string[], options: { required?: boolean } = {}): void {
  const value = input[key];
  if (value === undefined && !options.required) return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw invalid(`${key} must be ${allowed.map((v) => `"${v}"`).join(' or ')}`);
  }
  body[key] = value;
}

/** An absolute http(s) URL (people's browsers or livedigital's servers go there). */
export function httpUrl(body: Body, input: Input, key: string, options: { required?: boolean } = {}): void {
  const value = input[key];
  if (value === undefined) {
    if (options.required) throw invalid(`${key} is required: an absolute http(s) URL`);
    return;
  }
  const url = typeof value === 'string' && value.length <= 2048 ? parseUrl(value) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw invalid(`${key} must be an absolute http(s) URL`);
  body[key] = value;
}

/** Appends `extra` after the documented fields; refuses keys that are documented ones. */
export function withExtra(body: Body, extra: unknown, documented: readonly string[]): Body {
  if (extra === undefined) return body;
  const fields = objectOf('extra', extra);
  for (const [key, value] of Object.entries(fields)) {
    if (documented.includes(key)) throw invalid(`extra.${key} is a documented field: pass it as ${key}`);
    if (value === undefined) continue;
    try {
      JSON.stringify(value);
    } catch {
      throw invalid(`extra.${key} must be a JSON value`);
    }
    body[key] = value;
  }
  return body;
}

/** At least one field, or a PUT would send an empty body for nothing. */
export function nonEmpty(body: Body, what: string): Body {
  if (Object.keys(body).length === 0) throw invalid(`${what}: give at least one field to change`);
  return body;
}

/** An id the vendor handed back, checked before it is ever put into a path. */
export function answeredId(value: unknown, what: string, status = 200): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw new LivedigitalApiError('upstream', status, `livedigital answered without a usable ${what}`);
  }
  return value;
}

export function answerObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LivedigitalApiError('upstream', 200, `livedigital answered without ${what}`);
  }
  return value as Record<string, unknown>;
}

/** Lists come back as a bare array or as `{ items }` (the records and analytics shape). */
export function answerItems(value: unknown, what: string): Record<string, unknown>[] {
  const items = Array.isArray(value) ? value : (value as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new LivedigitalApiError('upstream', 200, `livedigital answered without a list of ${what}`);
  return items.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
}

export const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const optionalBoolean = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

/**
 * Wraps a call so that secrets other than the personal token (a password, a client secret, a
 * user's access token) never reach an error: the transport scrubs its own token only.
 */
export function scrubbing(call: ApiCall, secrets: readonly string[]): ApiCall {
  const hidden = secrets.filter((secret) => secret.length > 0);
  const scrub = (message: string) =>
    hidden.reduce((out, secret) => out.split(secret).join('[redacted]').split(encodeURIComponent(secret)).join('[redacted]'), message);
  return async (request) => {
    try {
      return await call(request);
    } catch (error) {
      if (!(error instanceof LivedigitalApiError)) throw error;
      const cause = (error as { cause?: unknown }).cause;
      const safeCause = cause instanceof Error ? Object.assign(new Error(scrub(cause.message)), { stack: undefined }) : undefined;
      const clean = new LivedigitalApiError(error.code, error.status, scrub(error.message), safeCause ? { cause: safeCause } : undefined);
      throw clean;
    }
  };
}
