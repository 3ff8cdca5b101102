/**
 * Customer-side routes (PRODUCT.md §4.9–4.10): invite a partner, list and withdraw invitations,
 * the Partners list, scope, revoking partner roles and assignments, removing a partner. Global
 * admins and Teams Rooms Pro Managers of the customer tenant only.
 */
import { z } from 'zod';
import type { Api } from '../api.ts';
import { pageOf } from './route-kit.ts';
import type { AppServices } from '../../app.ts';
import { confirmBody, guid, page, pageOnly, scopeInput } from '../contracts/common.ts';
import {
  createInvitationBody,
  invitation,
  partner,
  partnerAssignmentParams,
  partnerRoleParams,
  toInvitation,
  toPartner,
} from '../contracts/customer.ts';
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
    handler: ({ caller, query }) =>
      listCustomerInvitations(caller, query, deps).then(pageOf(toInvitation)),
  });

  api.route({
    method: 'post',
    path: '/api/customer/invitations',
    tag,
    summary: 'Invite a partner by its domain, with a room scope and an expiry (GA / TRPM)',
    body: createInvitationBody,
    response: invitation,
    status: 201,
    handler: ({ caller, body }) => createInvitation(caller, body, deps).then(toInvitation),
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
    handler: ({ caller, query }) => listPartners(caller, query, deps).then(pageOf(toPartner)),
  });

  api.route({
    method: 'get',
    path: '/api/customer/partners/{partnerTenantId}',
    tag,
    summary: 'One partner with its Primary admins, roles and assignments (GA / TRPM)',
    params: partnerParams,
    response: partner,
    handler: ({ caller, params }) =>
      getPartner(caller, params.partnerTenantId, deps).then(toPartner),
  });

  api.route({
    method: 'put',
    path: '/api/customer/partners/{partnerTenantId}/scope',
    tag,
    summary: 'Replace the rooms this partner may reach; narrows every partner assignment (GA/TRPM)',
    params: partnerParams,
    body: scopeInput,
    response: partner,
    handler: ({ caller, params, body }) =>
      setPartnerScope(caller, params.partnerTenantId, body, deps).then(toPartner),
  });

  api.route({
    method: 'delete',
    path: '/api/customer/partners/{partnerTenantId}/roles/{roleId}',
    tag,
    summary:
      'Delete a partner role and its assignments; ' +
      `\`${PRIMARY_ADMINS_ROLE_ID}\` deletes the built-in Primary admins (GA / TRPM)`,
    params: partnerRoleParams,
    handler: ({ caller, params }) =>
      deletePartnerRole(caller, params.partnerTenantId, params.roleId, deps),
  });

  api.route({
    method: 'delete',
    path: '/api/customer/partners/{partnerTenantId}/assignments/{assignmentId}',
    tag,
    summary: 'Delete one partner assignment (GA / TRPM)',
    params: partnerAssignmentParams,
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
