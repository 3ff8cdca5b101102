/** Identity and directory routes: who am I, directory search, Teams Rooms Pro Managers. */
import { z } from 'zod';
import type { Api } from '../api.ts';
import type { AppServices } from '../../app.ts';
import {
  addRoomsProManager,
  getMe,
  listRoomsProManagers,
  removeRoomsProManager,
  searchDirectory,
} from '../../core/identity/identity.use-cases.ts';
import { directoryObject, guid, memberRef, memberView } from '../contracts/common.ts';
import { holds } from '../../core/partners/partner-access.ts';

const me = z
  .object({
    tenantId: z.string(),
    tenantName: z.string(),
    userId: z.string(),
    displayName: z.string(),
    userPrincipalName: z.string(),
    isGlobalAdmin: z.boolean(),
    isRoomsProManager: z.boolean(),
    isEligiblePartner: z.boolean().meta({ description: "The caller's tenant is an eligible partner." }),
    handlesInvitations: z
      .boolean()
      .meta({ description: 'Sees, accepts and declines invitations (partner GA, TRPM or tenant manager).' }),
  })
  .meta({ id: 'Me' });

export function registerFoundationRoutes(api: Api, services: AppServices): void {
  api.route({
    method: 'get',
    path: '/api/me',
    tag: 'Identity',
    summary: 'The signed-in user, their tenant and product roles',
    response: me,
    handler: async ({ caller }) => {
      const [me, grants] = await Promise.all([
        getMe(caller, services),
        services.partners.organisationGrantsFor(caller),
      ]);
      return {
        ...me,
        isEligiblePartner: holds(grants, caller, 'partner.access'),
        handlesInvitations: holds(grants, caller, 'partner.invitations.decide'),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/directory/search',
    tag: 'Directory',
    summary: "Search users and security groups of the caller's tenant",
    query: z.strictObject({
      q: z.string().trim().min(1).max(100),
      kind: z.enum(['user', 'group', 'all']).default('all'),
      limit: z.coerce.number().int().min(1).max(50).default(20),
    }),
    response: z.object({ items: z.array(directoryObject) }),
    handler: async ({ caller, query }) => ({
      items: await searchDirectory(
        caller,
        {
          query: query.q,
          kinds: query.kind === 'all' ? ['user', 'group'] : [query.kind],
          limit: query.limit,
        },
        services,
        services.mayBrowseDirectory
      ),
    }),
  });

  api.route({
    method: 'get',
    path: '/api/rooms-pro-managers',
    tag: 'Identity',
    summary: 'Teams Rooms Pro Managers of the caller\'s tenant',
    response: z.object({ items: z.array(memberView) }),
    handler: async ({ caller }) => ({ items: await listRoomsProManagers(caller, services) }),
  });

  api.route({
    method: 'post',
    path: '/api/rooms-pro-managers',
    tag: 'Identity',
    summary: 'Assign Teams Rooms Pro Manager to a user or group (Global admin only)',
    body: z.strictObject({ member: memberRef }),
    response: memberView,
    status: 201,
    handler: ({ caller, body }) => addRoomsProManager(caller, body.member, services),
  });

  api.route({
    method: 'delete',
    path: '/api/rooms-pro-managers/{memberId}',
    tag: 'Identity',
    summary: 'Remove a Teams Rooms Pro Manager (Global admin only)',
    params: z.strictObject({ memberId: guid }),
    handler: ({ caller, params }) => removeRoomsProManager(caller, params.memberId, services),
  });
}
