/** What the bot accepts from users: command text, card action data, chosen members. */
import assert from 'node:assert/strict';
import { parseCommand } from './commands.ts';
import { parseMembers } from './invitation-actions.ts';
import { isActionData } from './teams-bot.ts';
import { Verbs } from './verbs.ts';

const ID = '3a215955-cfc5-4791-a577-9507cdf9447a';

describe('Bot input', () => {
  it('Commands are recognised in English and French, with mentions and punctuation ignored', () => {
    assert.equal(parseCommand('<at>Rooms Partner Hub</at> invitations'), 'invitations');
    assert.equal(parseCommand('  Who am I? '), 'whoami');
    assert.equal(parseCommand('Qui suis-je ?'), 'whoami');
    assert.equal(parseCommand('clients'), 'customers');
    assert.equal(parseCommand('AIDE'), 'help');
    assert.equal(parseCommand(''), 'help');
    assert.equal(parseCommand('delete everything'), null);
  });

  it('Card action data needs a known verb and an invitation id; anything else is refused', () => {
    assert.ok(isActionData({ verb: Verbs.accept, invitationId: ID }));
    assert.ok(!isActionData({ verb: 'invitation.nuke', invitationId: ID }));
    assert.ok(!isActionData({ verb: Verbs.accept, invitationId: '../../etc' }));
    assert.ok(!isActionData({ verb: Verbs.accept }));
  });

  it('Chosen members are parsed strictly; junk is dropped, never guessed', () => {
    assert.deepEqual(parseMembers(`user:${ID.toUpperCase()}, group:${ID}`), [
      { type: 'user', id: ID },
      { type: 'group', id: ID },
    ]);
    assert.deepEqual(parseMembers(`admin:${ID},user:x y,${ID}`), []);
    assert.deepEqual(parseMembers(['user:1']), []);
    assert.deepEqual(parseMembers(undefined), []);
  });
});
