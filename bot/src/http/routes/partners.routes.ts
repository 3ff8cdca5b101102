/**
 * Partner-side routes (PRODUCT.md §4.1–4.5): tenant managers, the invitation inbox with accept
 * and decline, the Tenants list and detail, Primary admins and removing a customer. Every route
 * answers for the caller's own tenant only; no route takes the partner's tenant id.
 */
import { z } from 'zod';
import type { Api } from '../api.ts';
import { pageOf } from './route-kit.ts';
import type { AppServices } from '../../app.ts';
import {
  confirmBody,
  customerParams,
  guid,
  memberBody,
  membersList,
  memberView,
  page,
  pageOnly,
} from '../contracts/common.ts';
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
import { gatedChange } from './change-control.routes.ts';
import { changeRequestSchema } from '../contracts/change-control.ts';
import {
  acceptBody,
  breakGlassBody,
  customerDetail,
  customerSummary,
  inboxItem,
  toCustomerDetail,
  toCustomerSummary,
  toInboxItem,
} from '../contracts/partner.ts';

export function registerPartnerRoutes(api: Api, services: AppServices): void {
  const deps = services.partners;
  const tag = 'Partner';

  api.route({
    method: 'get',
    path: '/api/partner/tenant-managers',
    tag,
    summary: "Tenant managers of the caller's partner tenant (Global admin / TRPM)",
    response: membersList,
    handler: async ({ caller }) => ({ items: await listTenantManagers(caller, deps) }),
  });

  api.route({
    method: 'post',
    path: '/api/partner/tenant-managers',
    tag,
    summary: 'Make a user or group of the partner tenant a tenant manager (Global admin / TRPM)',
    body: memberBody,
    response: memberView,
    status: 201,
    handler: ({ caller, body }) => addTenantManager(caller, body.member, deps),
  });

  api.route({
    method: 'delete',
    path: '/api/partner/tenant-managers/{memberId}',
    tag,
    summary: 'Remove a tenant manager (Global admin / TRPM)',
    params: z.strictObject({ memberId: guid }),
    handler: ({ caller, params }) => removeTenantManager(caller, params.memberId, deps),
  });

  api.route({
    method: 'get',
    path: '/api/partner/invitations',
    tag,
    summary:
      "Pending invitations to the caller's organisation, metadata only (GA/TRPM/tenant managers)",
    query: pageOnly,
    response: page(inboxItem),
    handler: ({ caller, query }) => listInbox(caller, query, deps).then(pageOf(toInboxItem)),
  });

  api.route({
    method: 'post',
    path: '/api/partner/invitations/{invitationId}/accept',
    tag,
    summary:
      'Accept an invitation, naming Primary admins (GA/TRPM/tenant managers); first decision wins',
    params: z.strictObject({ invitationId: guid }),
    body: acceptBody,
    response: customerSummary,
    handler: ({ caller, params, body }) =>
      acceptInvitation(caller, params.invitationId, body, deps).then(toCustomerSummary),
  });

  api.route({
    method: 'post',
    path: '/api/partner/invitations/{invitationId}/decline',
    tag,
    summary: 'Decline (delete) an invitation (GA / TRPM / tenant managers); first decision wins',
    params: z.strictObject({ invitationId: guid }),
    body: confirmBody,
    handler: ({ caller, params }) => declineInvitation(caller, params.invitationId, deps),
  });

  api.route({
    method: 'get',
    path: '/api/partner/customers',
    tag,
    summary:
      'Customers the caller may see: all for GA / TRPM / tenant managers, else where Primary admin',
    query: pageOnly,
    response: page(customerSummary),
    handler: ({ caller, query }) =>
      listCustomers(caller, query, deps).then(pageOf(toCustomerSummary)),
  });

  api.route({
    method: 'get',
    path: '/api/partner/customers/{customerTenantId}',
    tag,
    summary: 'One customer: metadata, scope summary, Primary admins (room names to Primary admins)',
    params: customerParams,
    response: customerDetail,
    handler: ({ caller, params }) =>
      getCustomer(caller, params.customerTenantId, deps).then(toCustomerDetail),
  });

  api.route({
    method: 'post',
    path: '/api/partner/customers/{customerTenantId}/primary-admins',
    tag,
    summary: 'Add a Primary admin of this customer (holders of Role management › Modify there)',
    params: customerParams,
    body: memberBody,
    response: membersList,
    status: 201,
    accepted: changeRequestSchema,
    handler: ({ caller, params, body, req }) =>
      gatedChange(
        services.changeControl,
        caller,
        params.customerTenantId,
        { kind: 'primaryAdmin.add', member: body.member },
        req,
        (items: Awaited<ReturnType<typeof addPrimaryAdmin>>) => ({ items })
      ),
  });

  api.route({
    method: 'delete',
    path: '/api/partner/customers/{customerTenantId}/primary-admins/{memberId}',
    tag,
    summary:
      'Remove a Primary admin of this customer (holders of Role management › Modify there); ' +
      'never the last one',
    params: z.strictObject({ customerTenantId: guid, memberId: guid }),
    accepted: changeRequestSchema,
    handler: ({ caller, params, req }) =>
      gatedChange(
        services.changeControl,
        caller,
        params.customerTenantId,
        { kind: 'primaryAdmin.remove', memberId: params.memberId },
        req,
        () => undefined
      ),
  });

  api.route({
    method: 'post',
    path: '/api/partner/customers/{customerTenantId}/primary-admins/break-glass',
    tag,
    summary:
      "Break-glass: the partner's Global admin restores a Primary admin, with a reason, only " +
      "when no Primary admin exists in the partner's directory any more (else 409); recorded in " +
      "the customer's audit log and shown to the customer",
    params: customerParams,
    body: breakGlassBody,
    response: membersList,
    status: 201,
    handler: async ({ caller, params, body }) => ({
      items: await breakGlassPrimaryAdmin(caller, params.customerTenantId, body, deps),
    }),
  });

  api.route({
    method: 'post',
    path: '/api/partner/customers/{customerTenantId}/remove',
    tag,
    summary: 'Remove (off-board) this customer: a Primary admin of it only',
    params: customerParams,
    body: confirmBody,
    handler: ({ caller, params }) => removeCustomer(caller, params.customerTenantId, deps),
  });
}
