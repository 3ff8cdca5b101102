/** The closed set of change-control card actions (issue #15), apart from the invitation verbs. */
import { verbGuard } from './verbs.ts';

export const ApprovalVerbs = {
  /** Universal Actions refresh: the viewer's own view of a change-request card. */
  changeRefresh: 'change.refresh',
  changeApprove: 'change.approve',
  changeReject: 'change.reject',
  elevationRefresh: 'elevation.refresh',
  elevationApprove: 'elevation.approve',
  elevationReject: 'elevation.reject',
  elevationEnd: 'elevation.end',
} as const;

export type ApprovalVerb = (typeof ApprovalVerbs)[keyof typeof ApprovalVerbs];

const isApprovalVerb = verbGuard(ApprovalVerbs);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What every approval card action carries (Teams merges the card's inputs, e.g. `reason`, into it). */
export interface ApprovalActionData {
  verb: ApprovalVerb;
  /** The change request or elevation id. */
  subjectId: string;
  customerTenantId: string;
}

export const isApprovalActionData = (
  d: Record<string, unknown>
): d is ApprovalActionData & Record<string, unknown> =>
  isApprovalVerb(d.verb) &&
  typeof d.subjectId === 'string' &&
  GUID.test(d.subjectId) &&
  typeof d.customerTenantId === 'string' &&
  GUID.test(d.customerTenantId);
