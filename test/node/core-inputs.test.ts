// The element's inputs are described once, in src/inputs.ts. What is derived from that record at
// run time is checked here against the record, and so is the custom elements manifest, whose
// plugin reads the record's source: a new input that one of them misses fails this fast suite.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// @ts-expect-error the analyzer ships no types for its CLI module
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { meantAttribute } from '../../src/diagnostics.js';
import { INPUTS, attributeOf, inputProperties, remounts } from '../../src/inputs.js';

const names = Object.keys(INPUTS);

describe('the inputs record', () => {
  it('gives every input a reactive property with its kebab-case attribute', () => {
    const properties = inputProperties();
    assert.deepEqual(Object.keys(properties), names);
    assert.equal(properties.participantName!.attribute, 'participant-name');
    assert.equal(properties.clickToJoin!.type, Boolean);
    assert.equal(properties.accessTimeout!.type, Number);
    assert.equal(properties.fetcher!.attribute, false);
    assert.equal(properties.lang!.reflect, true);
  });

  it('names the inputs whose change starts a new mount', () => {
    const mounting = names.filter(remounts);
    assert.deepEqual(mounting, [
      'alias', 'participantName', 'accessToken', 'refreshToken', 'src', 'eventId', 'baseUrl',
      'accessEndpoint', 'allow', 'deny', 'disableSupport', 'clickToJoin', 'loading', 'fetcher',
    ]);
    assert.equal(remounts('_state'), false);
  });

  it('agrees with the custom elements manifest: every input a documented field, every attribute listed', async () => {
    const manifest = await cli({ argv: ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], cwd: process.cwd(), noWrite: true });
    const element = manifest.modules.flatMap((mod: any) => mod.declarations ?? []).find((d: any) => d.customElement);
    assert.equal(element.tagName, 'livedigital-room');
    const fields = element.members.filter((m: any) => m.kind === 'field' && !m.static);
    for (const name of names) {
      const field = fields.find((m: any) => m.name === name);
      assert.ok(field, `manifest field ${name}`);
      assert.ok(field.description.length > 10, `description of ${name}`);
    }
    const expected = names.filter((name) => inputProperties()[name]!.attribute !== false).map(attributeOf);
    assert.deepEqual(element.attributes.map((a: any) => a.name), expected);
    assert.deepEqual(
      fields.map((m: any) => m.name).filter((name: string) => !names.includes(name)),
      ['state', 'error'].filter((name) => fields.some((m: any) => m.name === name)),
      'no public field outside the record but the read-only state',
    );
  });
});

describe('meantAttribute', () => {
  const cases: Array<[string, string]> = [
    ['participantname', 'participant-name'],
    ['participant_name', 'participant-name'],
    ['baseurl', 'base-url'],
    ['accesstoken', 'access-token'],
    ['clicktojoin', 'click-to-join'],
    ['participant-name', 'participant-name'],
    ['alias', 'alias'],
    ['fetcher', 'fetcher'],
    ['class', 'class'],
    ['data-room', 'data-room'],
  ];
  for (const [written, meant] of cases) {
    it(`${written} → ${meant}`, () => assert.equal(meantAttribute(written), meant));
  }
});
