import 'i18next';
import type { englishCatalog } from './index.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof englishCatalog };
    returnNull: false;
  }
}
