/**
 * Customer-side routes (PRODUCT.md §4.9–4.10): invite a partner, list and withdraw invitations,
 * the Partners list, scope, revoking partner roles and assignments, removing a partner. Global
 * admins and Teams Rooms Pro Managers of the customer tenant only.
 */
import type { Api } from '../api.ts';
import { routeGroup } from './route-kit.ts';
import type { AppServices } from '../../app.ts';
import { confirmBody, scopeInput } from '../contracts/common.ts';
import {
  createInvitationBody,
  invitation,
  partner,
  partnerGrantId,
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
  const customer = routeGroup(api, { tag: 'Customer', base: '/api/customer', deps });

  customer.get('/invitations', {
    summary: "Pending partner invitations of the caller's organisation, expired flagged (GA/TRPM)",
    item: invitation,
    run: listCustomerInvitations,
  });

  customer.post('/invitations', {
    summary: 'Invite a partner by its domain, with a room scope and an expiry (GA / TRPM)',
    body: createInvitationBody,
    response: invitation,
    status: 201,
    run: createInvitation,
  });

  customer.delete('/invitations/{invitationId}', {
    summary: 'Withdraw a pending invitation (GA / TRPM)',
    run: withdrawInvitation,
  });

  customer.get('/partners', {
    summary: "The caller's partners with Primary admins, partner roles and assignments (GA / TRPM)",
    item: partner,
    run: listPartners,
  });

  customer.get('/partners/{partnerTenantId}', {
    summary: 'One partner with its Primary admins, roles and assignments (GA / TRPM)',
    response: partner,
    run: getPartner,
  });

  customer.put('/partners/{partnerTenantId}/scope', {
    summary: 'Replace the rooms this partner may reach; narrows every partner assignment (GA/TRPM)',
    body: scopeInput,
    response: partner,
    run: setPartnerScope,
  });

  customer.delete('/partners/{partnerTenantId}/roles/{roleId}', {
    summary:
      'Delete a partner role and its assignments; ' +
      `\`${PRIMARY_ADMINS_ROLE_ID}\` deletes the built-in Primary admins (GA / TRPM)`,
    params: { roleId: partnerGrantId },
    run: deletePartnerRole,
  });

  customer.delete('/partners/{partnerTenantId}/assignments/{assignmentId}', {
    summary: 'Delete one partner assignment (GA / TRPM)',
    params: { assignmentId: partnerGrantId },
    run: deletePartnerAssignment,
  });

  customer.post('/partners/{partnerTenantId}/remove', {
    summary: 'Remove this partner: its relationship, roles and assignments (GA / TRPM)',
    body: confirmBody,
    handler: ({ caller, params }) => removePartner(caller, params.partnerTenantId, deps),
  });
}
