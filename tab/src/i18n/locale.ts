/** Locales the tab ships; anything else falls back to en-US. */
export type Locale = 'en-US' | 'fr-FR';
