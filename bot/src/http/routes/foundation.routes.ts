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
import { guid, memberBody, membersList, memberView } from '../contracts/common.ts';
import { directoryQuery, directoryResults, me } from '../contracts/identity.ts';
import { holds } from '../../core/partners/partner-access.ts';

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
    query: directoryQuery,
    response: directoryResults,
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
    summary: "Teams Rooms Pro Managers of the caller's tenant",
    response: membersList,
    handler: async ({ caller }) => ({ items: await listRoomsProManagers(caller, services) }),
  });

  api.route({
    method: 'post',
    path: '/api/rooms-pro-managers',
    tag: 'Identity',
    summary: 'Assign Teams Rooms Pro Manager to a user or group (Global admin only)',
    body: memberBody,
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
