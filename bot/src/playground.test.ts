/** The committed Agents Playground configuration is the generated one: the demo partner tenant, Lee Gu signed in. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PLAYGROUND_CONFIG, playgroundConfig } from './playground.ts';
import { ids } from './seed/demo-data.ts';

describe('Agents Playground configuration', () => {
  it('The committed file is what `npm run playground` generates, with exactly five other users', () => {
    const committed = readFileSync(
      path.resolve(import.meta.dirname, '../..', PLAYGROUND_CONFIG),
      'utf8'
    );
    assert.equal(committed, playgroundConfig());
    assert.ok(committed.includes(`tenantId: ${ids.tenant('fabrikam')}`));
    assert.ok(committed.includes(`aadObjectId: ${ids.user('fabrikam', 'lee')}`));
    const users = committed.split('\nusers:\n')[1]!.split('\npersonalChat:')[0]!;
    assert.equal(users.match(/^ {2}- id: /gm)?.length, 5);
  });

  it('Switching user signs in someone else and keeps five others', () => {
    const lynne = playgroundConfig('lynne');
    assert.match(lynne, /currentUser:\n {2}id: user-lynne\n {2}name: Lynne Robbins/);
    const users = lynne.split('\nusers:\n')[1]!.split('\npersonalChat:')[0]!;
    assert.equal(users.match(/^ {2}- id: /gm)?.length, 5);
    assert.ok(!users.includes('user-lynne'));
    assert.throws(() => playgroundConfig('nobody'), /no Fabrikam demo user/);
  });
});
