import { invalid } from '../validate.js';

/** A `Date` or a date string `Date.parse` reads, sent as ISO 8601 (the vendor's examples use `…T12:25:40.253Z`). */
export type DateInput = Date | string;

export function isoDate(name: string, value: unknown): string {
  const time = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(time)) throw invalid(`${name} must be a Date or a date string such as 2026-11-23T10:00:00Z`);
  return new Date(time).toISOString();
}

/** An ISO time from the vendor, or undefined when it is not one (the answer is never trusted blindly). */
export function vendorTime(value: unknown): string | undefined {
  return typeof value === 'string' && Number.isFinite(Date.parse(value)) ? value : undefined;
}
