import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RETRY_POLICY, retryAfterMs, retryDelay } from '../../src/core/retry.js';

interface RetryInput {
  attempt: number;
  retryAfter?: unknown;
  random: number;
  now: number;
  started?: number;
}
const delayOf = ({ attempt, retryAfter, random, now, started }: RetryInput, policy = RETRY_POLICY) => retryDelay(attempt, retryAfter, random, now, started, policy);

const NOW = Date.parse('2026-09-01T07:00:00Z');

describe('retryAfterMs', () => {
  const cases: Array<[string, unknown, number | null]> = [
    ['delta seconds', '3', 3000],
    ['delta seconds with spaces', ' 2 ', 2000],
    ['zero', '0', 0],
    ['a number of seconds', 1.5, 1500],
    ['an HTTP date 4 s ahead', new Date(NOW + 4000).toUTCString(), 4000],
    ['an HTTP date in the past', new Date(NOW - 4000).toUTCString(), 0],
    ['missing: no floor', undefined, 0],
    ['null: no floor', null, 0],
    ['empty: no floor', '', 0],
    ['an object: unreadable', { seconds: 1 }, null],
    ['negative seconds', '-1', null],
    ['a negative number', -1, null],
    ['not a number', 'soon', null],
    ['NaN', Number.NaN, null],
  ];
  for (const [name, value, expected] of cases) {
    it(name, () => assert.equal(retryAfterMs(value, NOW), expected));
  }
});

describe('retryDelay', () => {
  const at = (input: Partial<RetryInput>): RetryInput => ({ attempt: 0, random: 0, now: NOW, ...input });
  const cases: Array<[string, Partial<RetryInput>, number | null]> = [
    ['first retry, random 0: at once', {}, 0],
    ['first retry, random just under 1: the base window', { random: 0.999 }, 500],
    ['second retry: the window doubles', { attempt: 1, random: 0.5 }, 500],
    ['fourth retry: 4 s window', { attempt: 3, random: 0.5 }, 2000],
    ['late retries stay within the cap', { attempt: 20, random: 0.5 }, 4000],
    ['a negative attempt counts as the first', { attempt: -3, random: 0.999 }, 500],
    ['Retry-After is a floor, jitter on top', { retryAfter: '1', random: 0.5 }, 1250],
    ['Retry-After as seconds (a fetcher error)', { retryAfter: 2, random: 0 }, 2000],
    ['Retry-After as an HTTP date', { retryAfter: new Date(NOW + 3000).toUTCString(), random: 0 }, 3000],
    ['unreadable Retry-After: plain backoff', { retryAfter: 'later', random: 0.5 }, 250],
    ['within the budget', { started: NOW - 59_000, retryAfter: '1' }, 1000],
    ['past the budget: give up', { started: NOW - 59_500, retryAfter: '1' }, null],
    ['a Retry-After beyond the budget: give up at once', { retryAfter: '61' }, null],
    ['the budget counts the jitter too', { started: NOW - 59_800, random: 0.999 }, null],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(delayOf(at(input)), expected));
  }

  it('another policy can be passed (the server companion uses its own deadline)', () => {
    assert.equal(delayOf(at({ attempt: 2, random: 0.5 }), { ...RETRY_POLICY, baseMs: 100 }), 200);
    assert.equal(delayOf(at({ started: NOW - 5_000 }), { ...RETRY_POLICY, budgetMs: 4_000 }), null);
  });

  it('full jitter: delays for one attempt cover the whole window', () => {
    const delays = Array.from({ length: 11 }, (_, i) => delayOf(at({ attempt: 2, random: i / 11 }))!);
    assert.equal(Math.min(...delays), 0);
    assert.ok(Math.max(...delays) > 1800 && Math.max(...delays) < 2000);
  });
});
