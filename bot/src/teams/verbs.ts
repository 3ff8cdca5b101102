/** The closed set of card actions the bot answers (Action.Execute verbs and Action.Submit data). */
export const Verbs = {
  /** Universal Actions refresh: the viewer's own view of an invitation card. */
  refresh: 'invitation.refresh',
  /** From the invitations list: open one invitation's card. */
  review: 'invitation.review',
  acceptStart: 'invitation.acceptStart',
  accept: 'invitation.accept',
  declineStart: 'invitation.declineStart',
  decline: 'invitation.decline',
  back: 'invitation.back',
} as const;

export type Verb = (typeof Verbs)[keyof typeof Verbs];

/** The type guard of one closed set of verbs (invitation, incident, … cards). */
export function verbGuard<V extends Readonly<Record<string, string>>>(verbs: V) {
  const all = new Set<string>(Object.values(verbs));
  return (v: unknown): v is V[keyof V] => typeof v === 'string' && all.has(v);
}

export const isVerb = verbGuard(Verbs);

/** What every action carries (Teams merges the card's inputs into it). */
export interface ActionData {
  verb: Verb;
  invitationId: string;
}
