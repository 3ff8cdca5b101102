/**
 * What a click on a change-request or elevation card does (Action.Execute invokes and
 * Action.Submit messages alike). Decisions go through the core use cases, so a card is authorized
 * exactly like the REST API: a click the core refuses (no right) gets a typed error and the card
 * stays as it was; a click on a request no longer pending (decided elsewhere, expired) or one the
 * core refused to apply (conflict, requester's right lost) answers with the current state.
 */
import type { AppServices } from '../app.ts';
import type { Caller } from '../core/identity/caller.ts';
import { isDomainError } from '../core/errors.ts';
import {
  approveChangeRequest,
  getChangeRequest,
  mayApprove,
  rejectChangeRequest,
} from '../core/change-control/change-requests.use-cases.ts';
import {
  approveElevation,
  endElevation,
  getElevation,
  rejectElevation,
} from '../core/change-control/elevation.use-cases.ts';
import { toHttpError } from '../http/error-response.ts';
import { errorMessage, type Lang } from './i18n.ts';
import { approvalStrings } from './approval-i18n.ts';
import { ApprovalVerbs, type ApprovalVerb } from './approval-verbs.ts';
import type { ActionResult } from './invitation-actions.ts';
import { changeRequestCard, elevationCard } from './cards/approval.card.ts';

export interface ApprovalActionInput {
  verb: ApprovalVerb;
  subjectId: string;
  customerTenantId: string;
  /** The card's Input.Text (a reason to reject or to end early). */
  reason?: unknown;
  userMri?: string;
}

/** Outcomes that leave the card telling the current state rather than an error. */
const SHOW_STATE = new Set([
  'CHANGE_REQUEST.NOT_PENDING',
  'CHANGE_REQUEST.EXPIRED',
  'CHANGE_REQUEST.CONFLICT',
  'CHANGE_REQUEST.REQUESTER_NOT_ALLOWED',
  'CHANGE_REQUEST.APPLY_FAILED',
  'ELEVATION.NOT_PENDING',
  'ELEVATION.NOT_ACTIVE',
  'ELEVATION.EXPIRED',
]);

export async function runApprovalAction(
  caller: Caller,
  input: ApprovalActionInput,
  lang: Lang,
  services: AppServices,
  partnerName: (tenantId: string) => Promise<string>
): Promise<ActionResult> {
  const cc = services.changeControl;
  const customer = input.customerTenantId.toLowerCase();
  const id = input.subjectId.toLowerCase();
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  const refreshUserIds = input.userMri ? [input.userMri] : [];
  const isElevation = input.verb.startsWith('elevation.');
  const render = async () => {
    const mode = (await mayApprove(caller, customer, cc)) ? 'actionable' : 'readOnly';
    if (isElevation) {
      const e = await getElevation(caller, customer, id, cc);
      return {
        kind: 'card' as const,
        card: elevationCard({
          elevation: e,
          partnerName: await partnerName(e.partnerTenantId),
          mode,
          lang,
          now: cc.now(),
          refreshUserIds,
        }),
      };
    }
    const r = await getChangeRequest(caller, customer, id, cc);
    return {
      kind: 'card' as const,
      card: changeRequestCard({
        request: r,
        partnerName: await partnerName(r.partnerTenantId),
        mode,
        lang,
        now: cc.now(),
        refreshUserIds,
      }),
    };
  };
  try {
    switch (input.verb) {
      case ApprovalVerbs.changeRefresh:
      case ApprovalVerbs.elevationRefresh:
        return await render();
      case ApprovalVerbs.changeApprove:
        await approveChangeRequest(caller, customer, id, cc);
        return await render();
      case ApprovalVerbs.changeReject:
        await rejectChangeRequest(caller, customer, id, reason, cc);
        return await render();
      case ApprovalVerbs.elevationApprove:
        await approveElevation(caller, customer, id, cc);
        return await render();
      case ApprovalVerbs.elevationReject:
        await rejectElevation(caller, customer, id, reason, cc);
        return await render();
      case ApprovalVerbs.elevationEnd:
        await endElevation(caller, customer, id, reason || undefined, cc);
        return await render();
    }
  } catch (e) {
    if (isDomainError(e) && SHOW_STATE.has(e.code)) return render();
    if (isDomainError(e)) {
      const { status, body } = toHttpError(e);
      const message =
        body.code === 'CHANGE_REQUEST.REASON_REQUIRED'
          ? approvalStrings(lang).reason
          : body.code === 'AUTHZ.FORBIDDEN'
            ? approvalStrings(lang).readOnly
            : errorMessage(lang, body);
      return { kind: 'error', status, code: body.code, message };
    }
    throw e;
  }
  return { kind: 'error', status: 400, code: 'REQUEST.INVALID', message: 'Unknown card action.' };
}
