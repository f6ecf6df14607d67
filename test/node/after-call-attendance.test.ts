import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attendance, type AttendanceResult } from '../../src/server/index.js';

const T = (mmss: string) => `2026-11-23T10:${mmss}.000Z`;

const base = {
  startedAt: T('00:00'),
  finishedAt: T('45:00'),
  participants: [
    { name: 'Ivan Petrov', externalUserId: 'lms-1', sessions: [{ joinedAt: T('00:00'), leftAt: T('45:00') }] },
  ],
};

function rows(result: AttendanceResult) {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.rows.map(({ key, keyedBy, secondsPresent, joinedAt, leftAt, visits }) => ({ key, keyedBy, secondsPresent, joinedAt, leftAt, visits }));
}

describe('attendance(report)', () => {
  it('one row per externalUserId with the call total', () => {
    const result = attendance(base);
    assert.deepEqual(rows(result), [{ key: 'lms-1', keyedBy: 'externalUserId', secondsPresent: 2700, joinedAt: T('00:00'), leftAt: T('45:00'), visits: 1 }]);
    assert.deepEqual(result.ok && result.call, { startedAt: T('00:00'), finishedAt: T('45:00'), durationSeconds: 2700 });
  });

  const table: Array<[string, unknown, ReturnType<typeof rows>]> = [
    [
      'a guest without externalUserId is keyed by name',
      { ...base, participants: [{ name: 'Guest Anna', sessions: [{ joinedAt: T('05:00'), leftAt: T('10:00') }] }] },
      [{ key: 'Guest Anna', keyedBy: 'name', secondsPresent: 300, joinedAt: T('05:00'), leftAt: T('10:00'), visits: 1 }],
    ],
    [
      'visits of one person merge: first join, last leave, time between visits not counted',
      {
        ...base,
        participants: [
          { name: 'Ann', externalUserId: 'lms-42', sessions: [{ joinedAt: T('00:00'), leftAt: T('10:00') }] },
          { name: 'Ann (phone)', externalUserId: 'lms-42', sessions: [{ joinedAt: T('20:00'), leftAt: T('30:00') }] },
        ],
      },
      [{ key: 'lms-42', keyedBy: 'externalUserId', secondsPresent: 1200, joinedAt: T('00:00'), leftAt: T('30:00'), visits: 2 }],
    ],
    [
      'overlapping visits (two tabs) count once',
      {
        ...base,
        participants: [{ name: 'Ann', externalUserId: 'lms-42', sessions: [{ joinedAt: T('00:00'), leftAt: T('10:00') }, { joinedAt: T('05:00'), leftAt: T('15:00') }] }],
      },
      [{ key: 'lms-42', keyedBy: 'externalUserId', secondsPresent: 900, joinedAt: T('00:00'), leftAt: T('15:00'), visits: 2 }],
    ],
    [
      'a visit without leftAt ends with the call',
      { ...base, participants: [{ name: 'Ann', externalUserId: 'lms-42', sessions: [{ joinedAt: T('40:00') }] }] },
      [{ key: 'lms-42', keyedBy: 'externalUserId', secondsPresent: 300, joinedAt: T('40:00'), leftAt: T('45:00'), visits: 1 }],
    ],
  ];
  for (const [name, report, expected] of table) {
    it(name, () => assert.deepEqual(rows(attendance(report)), expected));
  }

  const unknownShapes: Array<[string, unknown, RegExp]> = [
    ['not an object', 'report', /no participants array at "participants"/],
    ['participants under another name', { ...base, participants: undefined, attendees: base.participants }, /no participants array/],
    ['a participant without name or externalUserId', { ...base, participants: [{ sessions: [] }] }, /participant 0 has neither/],
    ['a participant without sessions', { ...base, participants: [{ name: 'Ann', joined: T('00:00') }] }, /participant 0 has no "sessions" array/],
    ['a visit without joinedAt', { ...base, participants: [{ name: 'Ann', sessions: [{ from: T('00:00') }] }] }, /without a "joinedAt" time/],
    [
      'no leftAt and no finishedAt',
      { participants: [{ name: 'Ann', sessions: [{ joinedAt: T('00:00') }] }] },
      /without "leftAt" and the report no "finishedAt"/,
    ],
  ];
  for (const [name, report, message] of unknownShapes) {
    it(`unknown report shape: ${name}`, () => {
      const result = attendance(report);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.reason, 'unknown-report-shape');
      assert.match(!result.ok ? result.message : '', message);
    });
  }

  it('a mapping reads another shape: flat visits under other names', () => {
    const report = {
      data: { users: [{ displayName: 'Ivan', lmsId: 'lms-1', in: T('01:00'), out: T('11:00') }] },
      meta: { begin: T('00:00'), end: T('20:00') },
    };
    assert.equal(attendance(report).ok, false);
    const result = attendance(report, {
      participants: 'data.users',
      name: 'displayName',
      externalUserId: 'lmsId',
      sessions: null,
      joinedAt: 'in',
      leftAt: 'out',
      startedAt: 'meta.begin',
      finishedAt: 'meta.end',
    });
    assert.deepEqual(rows(result), [{ key: 'lms-1', keyedBy: 'externalUserId', secondsPresent: 600, joinedAt: T('01:00'), leftAt: T('11:00'), visits: 1 }]);
    assert.equal(result.ok && result.call?.durationSeconds, 1200);
  });

  it('without the call times the rows still come, the call span is null', () => {
    const result = attendance({ participants: base.participants });
    assert.equal(result.ok && result.call, null);
    assert.equal(rows(result)[0]!.secondsPresent, 2700);
  });
});
