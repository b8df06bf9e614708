import { AppError, type FieldError } from '../../../platform/errors.ts';

export type ImportEntity = 'contact' | 'company';

export { COMPANY_TARGETS, CONTACT_TARGETS } from '../vocabulary.ts';

import { COMPANY_TARGETS, CONTACT_TARGETS } from '../vocabulary.ts';

export type ContactTarget = (typeof CONTACT_TARGETS)[number];
export type CompanyTarget = (typeof COMPANY_TARGETS)[number];
/** `ignore` (or leaving a header out) skips the column; `custom.<key>` fills a custom field. */
export type Mapping = Record<string, string>;

export const IGNORE = 'ignore';

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** Exact header names (folded: no case, accents, spaces or punctuation), in the languages our users export in. */
const SYNONYM_LIST: Record<ContactTarget | CompanyTarget, string> = {
  email:
    'email emailaddress mail emails correo correoelectronico courriel adressemail emailadresse posta postaelettronica почта электроннаяпочта primaryemail workemail personalemail businessemail email1 email2 email3',
  phone:
    'phone phonenumber phones telephone tel telefon telefono telefone telefonnummer mobile mobil mobilephone mobilenumber mobiltelefon handy cell cellphone gsm portable movil celular cellulare телефон мобильный workphone homephone businessphone whatsapp phone1 phone2 phone3',
  firstName: 'firstname first givenname given forename vorname prenom nombre nome voornaam imie имя jmeno fname',
  lastName:
    'lastname last surname familyname family nachname nom apellido apellidos cognome sobrenome achternaam nazwisko фамилия prijmeni lname',
  fullName:
    'name fullname contactname contact displayname person nomcomplet nombrecompleto nomecompleto vollername фио имяфамилия imieinazwisko',
  company:
    'company companyname organization organisation org firma firmenname unternehmen entreprise societe empresa azienda bedrijf компания организация account accountname employer',
  name: 'company companyname name organization organisation org firma firmenname unternehmen entreprise societe empresa azienda bedrijf компания организация account accountname',
  title: 'title jobtitle position role job function funktion poste cargo puesto ruolo functie должность stanowisko',
  country: 'country countrycode land pays pais paese kraj страна nation',
  city: 'city town ort stadt ville ciudad cidade citta plaats miasto город locality',
  region: 'region state province county bundesland provincia estado область stateprovince stateregion',
  postcode:
    'postcode postalcode zip zipcode plz postleitzahl codepostal cp codigopostal cap kodpocztowy индекс postcodezip',
  street:
    'street address streetaddress address1 addressline1 strasse adresse rue calle direccion indirizzo straat ulica адрес улица',
  website: 'website web url homepage site webseite siteweb sitioweb www websiteurl',
  domain: 'domain domainname domaene',
  industry: 'industry branche sector secteur settore отрасль',
  linkedin: 'linkedin linkedinurl linkedinprofile',
  tags: 'tags tag labels label category categories groups group schlagworte etiquettes etiquetas теги',
  notes:
    'notes note comment comments remarks description notiz notizen bemerkung kommentar remarque notas nota комментарий примечание',
  language: 'language lang locale sprache langue idioma lingua язык',
  lifecycleStage: 'lifecyclestage stage lifecycle leadstatus',
};
const SYNONYMS = Object.fromEntries(
  Object.entries(SYNONYM_LIST).map(([t, names]) => [t, new Set(names.split(' ').map(fold))]),
) as Record<ContactTarget | CompanyTarget, Set<string>>;

/** Looser rules for headers like "Work E-mail 2" or "Mobile (private)": first match wins, so order matters. */
const CONTAINS: [RegExp, ContactTarget | CompanyTarget][] = [
  [/e?mail|correo|courriel|почта/, 'email'],
  [/phone|mobil|telef|handy|cell|телефон|whatsapp/, 'phone'],
  [/linkedin/, 'linkedin'],
  [/website|homepage|url/, 'website'],
  [/firstname|vorname|prenom|givenname/, 'firstName'],
  [/lastname|nachname|surname|familyname/, 'lastName'],
  [/zip|postcode|postalcode|plz/, 'postcode'],
  [/street|strasse|address/, 'street'],
  [/city|town/, 'city'],
  [/country/, 'country'],
  [/company|organi[sz]ation|firma/, 'company'],
  [/jobtitle|position/, 'title'],
  [/note|comment/, 'notes'],
  [/tag/, 'tags'],
];

export type CustomFieldRef = { key: string; label: string };

export function targetsFor(entity: ImportEntity): readonly string[] {
  return entity === 'contact' ? CONTACT_TARGETS : COMPANY_TARGETS;
}

/** Header → target, for the headers we recognise. Each single-valued target is suggested once. */
export function suggestMapping(headers: string[], entity: ImportEntity, custom: CustomFieldRef[]): Mapping {
  const allowed = new Set<string>(targetsFor(entity));
  const multi = new Set(['email', 'phone', 'tags', 'notes']);
  const used = new Set<string>();
  const out: Mapping = {};
  const customByFold = new Map<string, string>();
  for (const f of custom) {
    customByFold.set(fold(f.key), `custom.${f.key}`);
    customByFold.set(fold(f.label), `custom.${f.key}`);
  }
  const take = (h: string, t: string | undefined) => {
    if (!t || (!multi.has(t) && used.has(t))) return false;
    out[h] = t;
    used.add(t);
    return true;
  };
  for (const h of headers) {
    const f = fold(h.replace(/\s\(\d+\)$/, ''));
    if (!f) continue;
    if (take(h, customByFold.get(f))) continue;
    const exact = Object.entries(SYNONYMS).find(([t, names]) => allowed.has(t) && names.has(f))?.[0];
    if (take(h, exact)) continue;
    for (const [re, t] of CONTAINS) {
      const target = entity === 'company' && t === 'company' ? 'name' : t;
      if (allowed.has(target) && re.test(f) && take(h, target)) break;
    }
  }
  return out;
}

/**
 * Checks a mapping against the file's headers and the workspace's custom fields, naming each bad entry. `strict`
 * refuses headers the file lacks (a mapping typed for this file); saved mappings are applied leniently.
 */
export function validateMapping(
  mapping: Mapping,
  headers: string[],
  entity: ImportEntity,
  custom: CustomFieldRef[],
  opts: { strict: boolean; field?: string },
): Mapping {
  const prefix = opts.field ?? 'mapping';
  const allowed = new Set<string>(targetsFor(entity));
  const customKeys = new Set(custom.map((c) => c.key));
  const errors: FieldError[] = [];
  const out: Mapping = {};
  const known = new Set(headers);
  for (const [header, target] of Object.entries(mapping)) {
    if (!known.has(header)) {
      if (opts.strict) errors.push({ field: `${prefix}.${header}`, message: 'is not a column of this file' });
      continue;
    }
    if (target === IGNORE || target === '') continue;
    if (target.startsWith('custom.')) {
      if (!customKeys.has(target.slice(7)))
        errors.push({ field: `${prefix}.${header}`, message: `"${target}" is not a custom field of ${entity}s` });
      else out[header] = target;
      continue;
    }
    if (!allowed.has(target)) {
      errors.push({ field: `${prefix}.${header}`, message: `"${target}" is not a ${entity} field to import into` });
      continue;
    }
    out[header] = target;
  }
  if (errors.length) throw AppError.validation(errors);
  const targets = new Set(Object.values(out));
  if (
    entity === 'contact' &&
    !['firstName', 'lastName', 'fullName', 'email', 'phone', 'company'].some((t) => targets.has(t))
  )
    throw AppError.validation([
      { field: prefix, message: 'map at least one column to a name, email, phone or company' },
    ]);
  if (entity === 'company' && !targets.has('name'))
    throw AppError.validation([{ field: prefix, message: 'map a column to the company name' }]);
  return out;
}
