/**
 * What a page says after a save. Under the customer's Manual change control a partner's change
 * waits for approval (the service answers 202 with a change request): "sent for approval", naming
 * `waiting` (by default what the request names); otherwise `done` says what was saved.
 */
import { isChangeRequest, type ChangeRequest } from '../api/change-control.ts';
import type { Strings } from '../i18n.ts';

export function savedMessage<T>(
  result: T | ChangeRequest,
  strings: Strings,
  done: (saved: Exclude<T, ChangeRequest>) => string,
  waiting?: string
): string {
  return isChangeRequest(result)
    ? strings.control.sentForApproval(waiting ?? result.objectName)
    : done(result as Exclude<T, ChangeRequest>);
}
