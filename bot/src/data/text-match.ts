/** Text matching in store queries. */

/** A literal string for `$regex`: every pattern character escaped. */
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A condition matching strings that contain `text` (taken literally), ignoring case. */
export const containing = (text: string) => ({ $regex: escapeRegex(text), $options: 'i' });
