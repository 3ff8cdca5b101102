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

const all = new Set<string>(Object.values(Verbs));
export const isVerb = (v: unknown): v is Verb => typeof v === 'string' && all.has(v);

/** What every action carries (Teams merges the card's inputs into it). */
export interface ActionData {
  verb: Verb;
  invitationId: string;
}
