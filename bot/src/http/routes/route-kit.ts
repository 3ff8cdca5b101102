/**
 * What every route declaration would otherwise repeat: mapping a page of domain objects to its
 * wire shape, and sending a change through the customer's change control (issue #15).
 */
import type { RouteContext } from '../api.ts';
import type { PageResult } from '../../core/paging.ts';
import type { ChangeControlDeps } from '../../core/change-control/change-control.ports.ts';
import type { ChangeInput } from '../../core/change-control/model.ts';
import { gatedChange } from './change-control.routes.ts';

/** A page of domain objects in its wire shape (for `.then(pageOf(toWire))`). */
export const pageOf =
  <T, R>(toWire: (item: T) => R) =>
  (page: PageResult<T>) => ({ ...page, items: page.items.map(toWire) });

/**
 * The handler of a change route: `change` says what the request asks for; applied at once
 * (answered by `present`) or, for a partner under Manual, a 202 with the change request. Declare
 * `accepted: changeRequestSchema` beside it.
 */
export const changeHandler =
  <B, Q, P extends { customerTenantId: string }, T, R>(
    cc: ChangeControlDeps,
    change: (ctx: RouteContext<B, Q, P>) => ChangeInput,
    present: (applied: T) => R
  ) =>
  (ctx: RouteContext<B, Q, P>) =>
    gatedChange(cc, ctx.caller, ctx.params.customerTenantId, change(ctx), ctx.req, present);
