import type { Channel } from '../schema.ts';

/** A lamp maker that sells to shops at home and exports to buyers met at fairs and on B2B platforms. */
export const DEMO_COMPANIES = [
  { name: 'Lumen Interiors BV', website: 'lumen-interiors.nl', country: 'NL', city: 'Utrecht', industry: 'Retail' },
  { name: 'Casa Luce S.r.l.', website: 'casaluce.it', country: 'IT', city: 'Milano', industry: 'Wholesale' },
  { name: 'Nordlys AS', website: 'nordlys.no', country: 'NO', city: 'Bergen', industry: 'Retail' },
  { name: 'Brass & Bulb Ltd', website: 'brassandbulb.co.uk', country: 'GB', city: 'Leeds', industry: 'Retail' },
  { name: 'Lámpara Norte SL', website: 'lamparanorte.es', country: 'ES', city: 'Bilbao', industry: 'Distribution' },
  { name: 'Hôtel du Lac', website: 'hoteldulac.fr', country: 'FR', city: 'Annecy', industry: 'Hospitality' },
  {
    name: 'Szabó Design Kft.',
    website: 'szabodesign.hu',
    country: 'HU',
    city: 'Budapest',
    industry: 'Interior design',
  },
  { name: 'Lumina Casei SRL', website: 'luminacasei.ro', country: 'RO', city: 'Cluj-Napoca', industry: 'Retail' },
  { name: 'Or Light Ltd', website: 'orlight.co.il', country: 'IL', city: 'Tel Aviv', industry: 'Wholesale' },
  {
    name: 'Oak Street Furniture',
    website: 'oakstreetfurniture.com',
    country: 'US',
    city: 'Portland',
    industry: 'Retail',
  },
] as const;

export const FIRST = [
  'Anna',
  'Marco',
  'Ingrid',
  'Oliver',
  'Lucía',
  'Camille',
  'Zoltán',
  'Ioana',
  'Noa',
  'Ethan',
  'Sofia',
  'Pieter',
  'Giulia',
  'Lars',
  'Amelia',
  'Javier',
  'Élodie',
  'Katalin',
  'Mihai',
  'Yael',
  'Grace',
  'Daan',
  'Chiara',
  'Henrik',
];
export const LAST = [
  'de Vries',
  'Rossi',
  'Hansen',
  'Clarke',
  'García',
  'Dubois',
  'Szabó',
  'Popescu',
  'Levi',
  'Miller',
  'Bianchi',
  'Jansen',
  'Conti',
  'Berg',
  'Hughes',
  'Ruiz',
  'Lefèvre',
  'Nagy',
  'Ionescu',
  'Cohen',
  'Walker',
  'Bakker',
  'Greco',
  'Lund',
];
export const TITLES = [
  'Purchasing manager',
  'Owner',
  'Buyer',
  'Store manager',
  'Interior designer',
  'Head of procurement',
  null,
];

export const PHONES: Record<string, string> = {
  NL: '+31 6 1234 56',
  IT: '+39 347 123 45',
  NO: '+47 412 345',
  GB: '+44 7911 1234',
  ES: '+34 612 345 6',
  FR: '+33 6 12 34 56',
  HU: '+36 20 123 45',
  RO: '+40 721 234 5',
  IL: '+972 54 765 43',
  US: '+1 503 241 00',
};

export const SOURCES: { channel: Channel; name: string; campaign?: string }[] = [
  { channel: 'trade_show', name: 'Canton Fair 2026', campaign: 'Spring booth 12.1' },
  { channel: 'trade_show', name: 'Maison&Objet 2026' },
  { channel: 'b2b_platform', name: 'Alibaba inquiry' },
  { channel: 'website_form', name: 'Catalogue download', campaign: 'PDF: 2026 collection' },
  { channel: 'referral_partner', name: 'Oak Street Furniture' },
  { channel: 'social', name: 'LinkedIn post: brass pendants' },
  { channel: 'email', name: 'Newsletter March' },
];

export const NOTES = [
  'Met at the booth; wants samples of the brass pendant in two finishes.',
  'Asked for FOB prices for 500 units and the lead time before the summer season.',
  'Prefers WhatsApp for quick questions; emails for quotes.',
  'Their showroom reopens in May — call two weeks before.',
  'Price-sensitive; interested in the outlet range.',
  'Referred by Oak Street Furniture; expects the partner discount.',
];

export const DEALS = [
  { title: 'Brass pendants — 500 units', amount: 1_850_000, stage: 0 },
  { title: 'Hotel lobby chandeliers', amount: 4_200_000, stage: 1 },
  { title: 'Sample kit: ceramic table lamps', amount: 45_000, stage: 2 },
  { title: 'Spring collection reorder', amount: 960_000, stage: 3 },
  { title: 'Outlet range — 2 pallets', amount: 380_000, stage: 4 },
  { title: 'Custom opal globes', amount: 720_000, stage: 5 },
  { title: 'Showroom display set', amount: 125_000, stage: 0 },
  { title: 'Wall sconces for 40 rooms', amount: 1_340_000, stage: 1 },
];

export const TASKS = [
  { title: 'Send the FOB quote', dueDays: 0 },
  { title: 'Call about the sample feedback', dueDays: -2 },
  { title: 'Confirm the pallet size with the forwarder', dueDays: 1 },
  { title: 'Thank-you note after the first order', dueDays: 3 },
  { title: 'Follow up on the catalogue download', dueDays: 0 },
];
