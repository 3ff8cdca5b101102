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
  'CHANGE_REQUEST.MFA_MISSING',
  'CHANGE_REQUEST.ELEVATION_ENDED',
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
  const render = async (): Promise<ActionResult> => {
    const view = {
      mode: (await mayApprove(caller, customer, cc))
        ? ('actionable' as const)
        : ('readOnly' as const),
      lang,
      now: cc.now(),
      refreshUserIds,
    };
    if (isElevation) {
      const e = await getElevation(caller, customer, id, cc);
      const partner = await partnerName(e.partnerTenantId);
      return { kind: 'card', card: elevationCard({ elevation: e, partnerName: partner, ...view }) };
    }
    const r = await getChangeRequest(caller, customer, id, cc);
    const partner = await partnerName(r.partnerTenantId);
    return { kind: 'card', card: changeRequestCard({ request: r, partnerName: partner, ...view }) };
  };
  /** What each verb does before the card is shown again (a refresh does nothing first). */
  const work: Record<ApprovalVerb, () => Promise<unknown>> = {
    [ApprovalVerbs.changeRefresh]: async () => undefined,
    [ApprovalVerbs.elevationRefresh]: async () => undefined,
    [ApprovalVerbs.changeApprove]: () => approveChangeRequest(caller, customer, id, cc),
    [ApprovalVerbs.changeReject]: () => rejectChangeRequest(caller, customer, id, reason, cc),
    [ApprovalVerbs.elevationApprove]: () => approveElevation(caller, customer, id, cc),
    [ApprovalVerbs.elevationReject]: () => rejectElevation(caller, customer, id, reason, cc),
    [ApprovalVerbs.elevationEnd]: () => endElevation(caller, customer, id, reason || undefined, cc),
  };
  const run = work[input.verb];
  if (!run) {
    return { kind: 'error', status: 400, code: 'REQUEST.INVALID', message: 'Unknown card action.' };
  }
  try {
    await run();
    return await render();
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
}
