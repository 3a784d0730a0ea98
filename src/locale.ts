export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Picks the answer language: explicit choice wins, else Hangul in the text means Korean, else the default. */
export function detectLocale(text: string, explicit?: Locale, fallback: Locale = 'ko'): Locale {
  if (explicit) return explicit;
  if (/[\uac00-\ud7a3]/u.test(text)) return 'ko';
  if (/[a-z]{3,}/iu.test(text)) return 'en';
  return fallback;
}
