/**
 * Partner-side routes (PRODUCT.md §4.1–4.5): tenant managers, the invitation inbox with accept
 * and decline, the Tenants list and detail, Primary admins and removing a customer. Every route
 * answers for the caller's own tenant only; no route takes the partner's tenant id.
 */
import type { Api } from '../api.ts';
import { listOf, routeGroup } from './route-kit.ts';
import type { AppServices } from '../../app.ts';
import { confirmBody, memberBody, membersList, memberView, wire } from '../contracts/common.ts';
import {
  addTenantManager,
  listTenantManagers,
  removeTenantManager,
} from '../../core/partners/tenant-managers.use-cases.ts';
import {
  acceptInvitation,
  declineInvitation,
  listInbox,
} from '../../core/partners/invitations.use-cases.ts';
import {
  type addPrimaryAdmin,
  breakGlassPrimaryAdmin,
  getCustomer,
  listCustomers,
  removeCustomer,
} from '../../core/partners/relationships.use-cases.ts';
import {
  acceptBody,
  breakGlassBody,
  customerDetail,
  customerSummary,
  inboxItem,
} from '../contracts/partner.ts';

export function registerPartnerRoutes(api: Api, services: AppServices): void {
  const deps = services.partners;
  const partner = routeGroup(api, {
    tag: 'Partner',
    base: '/api/partner',
    deps,
    cc: services.changeControl,
  });

  partner.get('/tenant-managers', {
    summary: "Tenant managers of the caller's partner tenant (Global admin / TRPM)",
    response: membersList,
    run: listTenantManagers,
    present: listOf(wire),
  });

  partner.post('/tenant-managers', {
    summary: 'Make a user or group of the partner tenant a tenant manager (Global admin / TRPM)',
    body: memberBody,
    response: memberView,
    status: 201,
    handler: ({ caller, body }) => addTenantManager(caller, body.member, deps),
  });

  partner.delete('/tenant-managers/{memberId}', {
    summary: 'Remove a tenant manager (Global admin / TRPM)',
    run: removeTenantManager,
  });

  partner.get('/invitations', {
    summary:
      "Pending invitations to the caller's organisation, metadata only (GA/TRPM/tenant managers)",
    item: inboxItem,
    run: listInbox,
  });

  partner.post('/invitations/{invitationId}/accept', {
    summary:
      'Accept an invitation, naming Primary admins (GA/TRPM/tenant managers); first decision wins',
    body: acceptBody,
    response: customerSummary,
    run: acceptInvitation,
  });

  partner.post('/invitations/{invitationId}/decline', {
    summary: 'Decline (delete) an invitation (GA / TRPM / tenant managers); first decision wins',
    body: confirmBody,
    handler: ({ caller, params }) => declineInvitation(caller, params.invitationId, deps),
  });

  partner.get('/customers', {
    summary:
      'Customers the caller may see: all for GA / TRPM / tenant managers, else where Primary admin',
    item: customerSummary,
    run: listCustomers,
  });

  partner.get('/customers/{customerTenantId}', {
    summary: 'One customer: metadata, scope summary, Primary admins (room names to Primary admins)',
    response: customerDetail,
    run: getCustomer,
  });

  partner.post('/customers/{customerTenantId}/primary-admins', {
    summary: 'Add a Primary admin of this customer (holders of Role management › Modify there)',
    body: memberBody,
    response: membersList,
    status: 201,
    change: ({ body }) => ({ kind: 'primaryAdmin.add', member: body.member }),
    present: (items: Awaited<ReturnType<typeof addPrimaryAdmin>>) => ({ items }),
  });

  partner.delete('/customers/{customerTenantId}/primary-admins/{memberId}', {
    summary:
      'Remove a Primary admin of this customer (holders of Role management › Modify there); ' +
      'never the last one',
    change: ({ params }) => ({ kind: 'primaryAdmin.remove', memberId: params.memberId }),
    present: () => undefined,
  });

  partner.post('/customers/{customerTenantId}/primary-admins/break-glass', {
    summary:
      "Break-glass: the partner's Global admin restores a Primary admin, with a reason, only " +
      "when no Primary admin exists in the partner's directory any more (else 409); recorded in " +
      "the customer's audit log and shown to the customer",
    body: breakGlassBody,
    response: membersList,
    status: 201,
    run: breakGlassPrimaryAdmin,
    present: listOf(wire),
  });

  partner.post('/customers/{customerTenantId}/remove', {
    summary: 'Remove (off-board) this customer: a Primary admin of it only',
    body: confirmBody,
    handler: ({ caller, params }) => removeCustomer(caller, params.customerTenantId, deps),
  });
}
