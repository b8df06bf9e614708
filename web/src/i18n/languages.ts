/**
 * The languages the UI offers. Adding one: put its catalog next to en.json (same keys) and add a loader below.
 * A language without a catalog yet falls back to English strings but keeps its own direction and number/date format,
 * which is how Hebrew (right-to-left) is offered before its translation lands.
 */
export type LanguageCode = 'en' | 'he';
export type Direction = 'ltr' | 'rtl';

export type Language = {
  code: LanguageCode;
  nativeName: string;
  englishName: string;
  dir: Direction;
  translated: boolean;
};

export const LANGUAGES: readonly Language[] = [
  { code: 'en', nativeName: 'English', englishName: 'English', dir: 'ltr', translated: true },
  { code: 'he', nativeName: 'עברית', englishName: 'Hebrew', dir: 'rtl', translated: false },
];

export const DEFAULT_LANGUAGE: LanguageCode = 'en';

export function languageOf(code: string | null | undefined): Language {
  return LANGUAGES.find((l) => l.code === code) ?? (LANGUAGES[0] as Language);
}

/** Catalogs other than English load on demand, so each language costs only its own users a download. */
export const CATALOG_LOADERS: Partial<Record<LanguageCode, () => Promise<{ default: Record<string, unknown> }>>> = {};
