/**
 * Customer-side routes (PRODUCT.md §4.9–4.10): invite a partner, list and withdraw invitations,
 * the Partners list, scope, revoking partner roles and assignments, removing a partner. Global
 * admins and Teams Rooms Pro Managers of the customer tenant only.
 */
import { z } from 'zod';
import type { Api } from '../api.ts';
import type { AppServices } from '../../app.ts';
import { guid, memberView } from '../contracts/common.ts';
import { PRIMARY_ADMINS_ROLE_ID } from '../../core/partners/model.ts';
import {
  createInvitation,
  listCustomerInvitations,
  withdrawInvitation,
} from '../../core/partners/invitations.use-cases.ts';
import {
  deletePartnerAssignment,
  deletePartnerRole,
  getPartner,
  listPartners,
  removePartner,
  setPartnerScope,
} from '../../core/partners/relationships.use-cases.ts';
import type { CustomerInvitationView, PartnerView } from '../../core/partners/partners.views.ts';
import { confirmBody, page, pageOnly, roomScope, scopeInput } from '../contracts/common.ts';

const isoDate = z.string().meta({ description: 'UTC time, ISO 8601' });

const invitation = z
  .object({
    id: z.string(),
    partnerTenantId: z.string(),
    partnerName: z.string(),
    partnerDomain: z.string(),
    changeControl: z.enum(['auto', 'manual']),
    scope: roomScope,
    expiresAt: isoDate,
    expired: z.boolean(),
    createdAt: isoDate,
    createdBy: z.string(),
    createdByName: z.string(),
  })
  .meta({ id: 'CustomerInvitation' });

const partnerRole = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    builtIn: z.boolean(),
    permissions: z.array(z.string()),
  })
  .meta({ id: 'PartnerRole' });

const partnerAssignment = z
  .object({
    id: z.string(),
    roleId: z.string(),
    members: z.array(memberView),
    scope: roomScope,
    notify: z.boolean(),
  })
  .meta({ id: 'PartnerAssignment' });

const breakGlass = z
  .object({
    at: isoDate,
    actorId: z.string(),
    actorName: z.string(),
    member: memberView,
    reason: z.string(),
  })
  .meta({
    id: 'PrimaryAdminsBreakGlass',
    description:
      "The partner's Global admin restored a Primary admin because none could act any more.",
  });

const partner = z
  .object({
    relationshipId: z.string(),
    partnerTenantId: z.string(),
    partnerName: z.string(),
    partnerDomain: z.string(),
    acceptedAt: isoDate,
    changeControl: z.enum(['auto', 'manual']),
    scope: roomScope,
    primaryAdmins: z.array(memberView),
    primaryAdminsRoleDeleted: z.boolean(),
    breakGlass: breakGlass.nullable(),
    roles: z.array(partnerRole),
    assignments: z.array(partnerAssignment),
  })
  .meta({ id: 'Partner' });

const toInvitation = (i: CustomerInvitationView) => ({
  ...i,
  expiresAt: i.expiresAt.toISOString(),
  createdAt: i.createdAt.toISOString(),
});

const toPartner = (p: PartnerView) => ({
  ...p,
  acceptedAt: p.acceptedAt.toISOString(),
  breakGlass: p.breakGlass && { ...p.breakGlass, at: p.breakGlass.at.toISOString() },
});

const createInvitationBody = z.strictObject({
  partnerDomain: z.string().trim().min(1).max(253).meta({ example: 'fabrikam.example' }),
  expiresInDays: z.number().int().meta({ description: 'Days until the invitation expires, 1–30.' }),
  changeControl: z
    .enum(['auto', 'manual'])
    .default('auto')
    .meta({ description: 'Approval of partner changes; auto applies today (manual is stored).' }),
  scope: scopeInput,
  agreeToTerms: z.literal(true),
});

export function registerCustomerRoutes(api: Api, services: AppServices): void {
  const deps = services.partners;
  const tag = 'Customer';
  const partnerParams = z.strictObject({ partnerTenantId: guid });

  api.route({
    method: 'get',
    path: '/api/customer/invitations',
    tag,
    summary: "Pending partner invitations of the caller's organisation, expired flagged (GA/TRPM)",
    query: pageOnly,
    response: page(invitation),
    handler: async ({ caller, query }) => {
      const r = await listCustomerInvitations(caller, query, deps);
      return { ...r, items: r.items.map(toInvitation) };
    },
  });

  api.route({
    method: 'post',
    path: '/api/customer/invitations',
    tag,
    summary: 'Invite a partner by its domain, with a room scope and an expiry (GA / TRPM)',
    body: createInvitationBody,
    response: invitation,
    status: 201,
    handler: async ({ caller, body }) => toInvitation(await createInvitation(caller, body, deps)),
  });

  api.route({
    method: 'delete',
    path: '/api/customer/invitations/{invitationId}',
    tag,
    summary: 'Withdraw a pending invitation (GA / TRPM)',
    params: z.strictObject({ invitationId: guid }),
    handler: ({ caller, params }) => withdrawInvitation(caller, params.invitationId, deps),
  });

  api.route({
    method: 'get',
    path: '/api/customer/partners',
    tag,
    summary: "The caller's partners with Primary admins, partner roles and assignments (GA / TRPM)",
    query: pageOnly,
    response: page(partner),
    handler: async ({ caller, query }) => {
      const r = await listPartners(caller, query, deps);
      return { ...r, items: r.items.map(toPartner) };
    },
  });

  api.route({
    method: 'get',
    path: '/api/customer/partners/{partnerTenantId}',
    tag,
    summary: 'One partner with its Primary admins, roles and assignments (GA / TRPM)',
    params: partnerParams,
    response: partner,
    handler: async ({ caller, params }) =>
      toPartner(await getPartner(caller, params.partnerTenantId, deps)),
  });

  api.route({
    method: 'put',
    path: '/api/customer/partners/{partnerTenantId}/scope',
    tag,
    summary: 'Replace the rooms this partner may reach; narrows every partner assignment (GA/TRPM)',
    params: partnerParams,
    body: scopeInput,
    response: partner,
    handler: async ({ caller, params, body }) =>
      toPartner(await setPartnerScope(caller, params.partnerTenantId, body, deps)),
  });

  api.route({
    method: 'delete',
    path: '/api/customer/partners/{partnerTenantId}/roles/{roleId}',
    tag,
    summary:
      'Delete a partner role and its assignments; ' +
      `\`${PRIMARY_ADMINS_ROLE_ID}\` deletes the built-in Primary admins (GA / TRPM)`,
    params: z.strictObject({
      partnerTenantId: guid,
      roleId: z.union([guid, z.literal(PRIMARY_ADMINS_ROLE_ID)]),
    }),
    handler: ({ caller, params }) =>
      deletePartnerRole(caller, params.partnerTenantId, params.roleId, deps),
  });

  api.route({
    method: 'delete',
    path: '/api/customer/partners/{partnerTenantId}/assignments/{assignmentId}',
    tag,
    summary: 'Delete one partner assignment (GA / TRPM)',
    params: z.strictObject({
      partnerTenantId: guid,
      assignmentId: z.union([guid, z.literal(PRIMARY_ADMINS_ROLE_ID)]),
    }),
    handler: ({ caller, params }) =>
      deletePartnerAssignment(caller, params.partnerTenantId, params.assignmentId, deps),
  });

  api.route({
    method: 'post',
    path: '/api/customer/partners/{partnerTenantId}/remove',
    tag,
    summary: 'Remove this partner: its relationship, roles and assignments (GA / TRPM)',
    params: partnerParams,
    body: confirmBody,
    handler: ({ caller, params }) => removePartner(caller, params.partnerTenantId, deps),
  });
}
