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

/** The membership test of a closed set of verbs (each card family has its own set). */
export function verbTest<V extends string>(verbs: Record<string, V>): (v: unknown) => v is V {
  const all = new Set<string>(Object.values(verbs));
  return (v: unknown): v is V => typeof v === 'string' && all.has(v);
}

export const isVerb = verbTest(Verbs);

/** What every action carries (Teams merges the card's inputs into it). */
export interface ActionData {
  verb: Verb;
  invitationId: string;
}
