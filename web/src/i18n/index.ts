import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import audCampaigns from './audience/campaigns.json';
import audDeliverability from './audience/deliverability.json';
import audFlows from './audience/flows.json';
import audForms from './audience/forms.json';
import audLists from './audience/lists.json';
import audOutbox from './audience/outbox.json';
import audPlan from './audience/plan.json';
import audTemplates from './audience/templates.json';
import comCatalog from './commerce/catalog.json';
import comIngest from './commerce/ingest.json';
import comOrders from './commerce/orders.json';
import comPickup from './commerce/pickup.json';
import comShipping from './commerce/shipping.json';
import en from './en.json';
import { CATALOG_LOADERS, DEFAULT_LANGUAGE, type LanguageCode, languageOf } from './languages.ts';

export const LANGUAGE_STORAGE_KEY = 'freehold.language';

function storedLanguage(): LanguageCode {
  try {
    return languageOf(localStorage.getItem(LANGUAGE_STORAGE_KEY)).code;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** Each audience and commerce area keeps its strings in its own file (i18n/<module>/*.json), under its own top-level key. */
export const englishCatalog = {
  ...en,
  audLists,
  audForms,
  audCampaigns,
  audTemplates,
  audFlows,
  audDeliverability,
  audPlan,
  audOutbox,
  comCatalog,
  comIngest,
  comOrders,
  comShipping,
  comPickup,
};

export const i18n = i18next;

void i18n.use(initReactI18next).init({
  resources: { en: { translation: englishCatalog } },
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
});

export async function changeLanguage(code: LanguageCode): Promise<void> {
  const loader = CATALOG_LOADERS[code];
  if (loader && !i18n.hasResourceBundle(code, 'translation')) {
    const mod = await loader();
    i18n.addResourceBundle(code, 'translation', mod.default, true, true);
  }
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, code);
  } catch {
    // Private mode without storage: the choice lasts for this visit.
  }
  await i18n.changeLanguage(code);
}
