import assert from 'node:assert/strict';
import { normalizeScope, summarizeScope, validateScope } from './scope.ts';
import type { CustomerRoomCatalog } from './partners.ports.ts';

const CODE = 'TEST.SCOPE_INVALID';
const A = 'AAAAAAAA-0000-4000-8000-000000000001';
const a = A.toLowerCase();

describe('Room scopes', () => {
  it('When all rooms are chosen, then any lists are dropped', () => {
    assert.deepEqual(normalizeScope({ allRooms: true }, CODE), {
      allRooms: true,
      roomIds: [],
      roomGroupIds: [],
    });
  });

  it('When rooms are chosen, then ids are lower-cased and de-duplicated', () => {
    assert.deepEqual(normalizeScope({ roomIds: [A, a], roomGroupIds: [] }, CODE), {
      allRooms: false,
      roomIds: [a],
      roomGroupIds: [],
    });
  });

  it('When nothing is chosen, then the given code', () => {
    assert.throws(() => normalizeScope({ allRooms: false }, CODE), { code: CODE });
    assert.throws(() => normalizeScope({ roomIds: [], roomGroupIds: [] }, CODE), { code: CODE });
  });

  it('When the catalog does not know an id, then the code with exactly the unknown ids', async () => {
    const catalog: CustomerRoomCatalog = {
      unknownIds: async (_t, ids) => ({
        roomIds: ids.roomIds.filter((x) => x !== a),
        roomGroupIds: [...ids.roomGroupIds],
      }),
      describe: async () => ({ rooms: [], roomGroups: [] }),
      roomRefs: async () => [],
    };
    await assert.rejects(
      validateScope(catalog, 't', { roomIds: [a, 'b'], roomGroupIds: ['g'] }, CODE),
      {
        code: CODE,
        details: { unknownRoomIds: ['b'], unknownRoomGroupIds: ['g'] },
      }
    );
    assert.deepEqual(await validateScope(catalog, 't', { roomIds: [a] }, CODE), {
      allRooms: false,
      roomIds: [a],
      roomGroupIds: [],
    });
  });

  it('When a scope is summarised, then only counts remain', () => {
    assert.deepEqual(
      summarizeScope({ allRooms: false, roomIds: ['1', '2'], roomGroupIds: ['g'] }),
      {
        allRooms: false,
        roomCount: 2,
        roomGroupCount: 1,
      }
    );
    assert.deepEqual(summarizeScope({ allRooms: true, roomIds: [], roomGroupIds: [] }), {
      allRooms: true,
      roomCount: 0,
      roomGroupCount: 0,
    });
  });
});
