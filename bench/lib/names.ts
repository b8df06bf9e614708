// Vocabulary of the generated fixtures: names across languages (with their accents, and a transliteration where the
// script is not Latin), phone shapes, cities, company words, titles, tags and note phrases. `Name|ascii` gives the
// e-mail spelling explicitly; otherwise it is derived by stripping accents.

export type Locale = {
  country: string;
  language: string;
  /** Relative share of contacts. */
  weight: number;
  firsts: string[];
  lasts: string[];
  cities: string[];
  /** E.164 prefixes; the subscriber part adds `digits` digits, the first of them 2–9. */
  phonePrefixes: string[];
  digits: number;
  tld: string;
  legal: string;
  freemail: string[];
};

const split = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export const LOCALES: Locale[] = [
  {
    country: 'US',
    language: 'en',
    weight: 18,
    firsts: split(
      'James, Mary, John, Patricia, Robert, Jennifer, Michael, Linda, William, Elizabeth, David, Barbara, Richard, Susan, Joseph, Jessica, Thomas, Sarah, Charles, Karen, Christopher, Nancy, Daniel, Lisa, Matthew, Betty, Anthony, Margaret, Mark, Sandra, Donald, Ashley, Steven, Emily, Paul, Michelle, Andrew, Amanda, Joshua, Melissa, Kevin, Deborah, Brian, Stephanie, DeShawn, Chloe, Tyler, Madison',
    ),
    lasts: split(
      'Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, Martinez, Hernandez, Lopez, Wilson, Anderson, Thomas, Taylor, Moore, Jackson, Martin, Lee, Thompson, White, Harris, Clark, Lewis, Robinson, Walker, Young, Allen, King, Wright, Scott, Nguyen, Hill, Flores, Green, Adams, Nelson, Baker, Carter',
    ),
    cities: split('New York, Chicago, Austin, Seattle, Boston, Denver, Portland, Atlanta, Miami, San Diego'),
    phonePrefixes: split('+1212, +1305, +1312, +1415, +1512, +1617, +1646, +1702, +1713, +1818'),
    digits: 7,
    tld: '.com',
    legal: 'Inc.',
    freemail: split('gmail.com, yahoo.com, outlook.com, icloud.com, hotmail.com, aol.com'),
  },
  {
    country: 'GB',
    language: 'en',
    weight: 10,
    firsts: split(
      'Oliver, Amelia, George, Isla, Harry, Ava, Jack, Olivia, Charlie, Emily, Alfie, Sophie, Freddie, Grace, Archie, Poppy, Siobhán, Eóin, Niamh, Rhys, Seán, Aoife, Callum, Eilidh',
    ),
    lasts: split(
      "Taylor, Evans, Davies, Wright, Roberts, Hughes, Edwards, Green, Hall, Wood, Turner, Hill, Cooper, Ward, Morgan, Murphy, O'Brien, Price, Bennett, Ó Súilleabháin, MacDonald, Fitzgerald, Patel, Khan",
    ),
    cities: split('London, Manchester, Leeds, Bristol, Glasgow, Edinburgh, Cardiff, Belfast, Brighton'),
    phonePrefixes: split('+4477, +4478, +4479, +4475'),
    digits: 8,
    tld: '.co.uk',
    legal: 'Ltd',
    freemail: split('gmail.com, outlook.com, btinternet.com, hotmail.co.uk, yahoo.co.uk'),
  },
  {
    country: 'DE',
    language: 'de',
    weight: 12,
    firsts: split(
      'Lukas, Leon, Jürgen, Günter, Jörg, Björn, Stefan, Anna, Lena, Sören, Käthe, Maximilian, Sophie, Marie, Hannah, Felix, Paul, Lea, Katharina, Uwe, Dieter, Ingrid, Ursula, Tobias, Mia, Jörn, Gisela, Bärbel, Hans-Peter, Annegret',
    ),
    lasts: split(
      'Müller|mueller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Schäfer|schaefer, Koch, Bauer, Richter, Klein, Wolf, Schröder|schroeder, Neumann, Schwarz, Zimmermann, Braun, Krüger|krueger, Hofmann, Hartmann, Lange, Weiß|weiss, Groß|gross, Köhler|koehler, Jäger|jaeger, Böhm|boehm',
    ),
    cities: split('Berlin, München, Köln, Hamburg, Düsseldorf, Leipzig, Stuttgart, Nürnberg, Dresden, Bremen'),
    phonePrefixes: split('+49151, +49160, +49170, +49171, +49176'),
    digits: 8,
    tld: '.de',
    legal: 'GmbH',
    freemail: split('gmx.de, web.de, t-online.de, gmail.com, posteo.de'),
  },
  {
    country: 'FR',
    language: 'fr',
    weight: 9,
    firsts: split(
      'Léa, Chloé, Émilie, Hélène, Amélie, Céline, Zoé, Inès, Louis, Gabriel, Raphaël, Jules, Hugo, Théo, Noël, François, Jérôme, Stéphane, Frédéric, Benoît, Mathéo, Élodie, Anaïs, Loïc',
    ),
    lasts: split(
      'Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent, Lefèvre, Michel, David, Bertrand, Roux, Vincent, Fournier, Girard, Bonnet, Dupont, Lambert, Fontaine, Rousseau, Chevalier, Faure, Mercier, Blanc, Lemaître',
    ),
    cities: split('Paris, Lyon, Marseille, Toulouse, Nantes, Bordeaux, Lille, Strasbourg, Montpellier, Rennes'),
    phonePrefixes: split('+336, +337'),
    digits: 8,
    tld: '.fr',
    legal: 'SARL',
    freemail: split('orange.fr, free.fr, laposte.net, gmail.com, sfr.fr, wanadoo.fr'),
  },
  {
    country: 'ES',
    language: 'es',
    weight: 8,
    firsts: split(
      'José, María, Lucía, Martín, Sofía, Hugo, Álvaro, Iñaki, Begoña, Ángel, Jesús, Raúl, Óscar, Rocío, Nuria, Sergio, Pablo, Carmen, Dolores, Alejandro, Íñigo, Ainhoa',
    ),
    lasts: split(
      'García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Gómez, Jiménez, Ruiz, Hernández, Díaz, Moreno, Muñoz, Álvarez, Romero, Alonso, Gutiérrez, Núñez, Ibáñez, Peña, Castaño, Echeverría',
    ),
    cities: split('Madrid, Barcelona, Valencia, Sevilla, Bilbao, Málaga, Zaragoza, A Coruña, Córdoba'),
    phonePrefixes: split('+346'),
    digits: 8,
    tld: '.es',
    legal: 'S.L.',
    freemail: split('gmail.com, hotmail.es, yahoo.es, telefonica.net, outlook.es'),
  },
  {
    country: 'BR',
    language: 'pt',
    weight: 7,
    firsts: split(
      'João, Conceição, Gonçalo, Tomás, Inês, Beatriz, Luís, Sebastião, Márcio, Fábio, Thiago, Letícia, Vitória, Júlia, Caio, Antônio, Luíza, Matheus',
    ),
    lasts: split(
      'Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Jesus, Sousa, Fernandes, Gonçalves, Gomes, Lopes, Marques, Araújo, Magalhães, Simões, Brandão, Assunção',
    ),
    cities: split('São Paulo, Rio de Janeiro, Belo Horizonte, Curitiba, Porto Alegre, Salvador, Recife, Brasília'),
    phonePrefixes: split('+55119, +55219, +55319'),
    digits: 8,
    tld: '.com.br',
    legal: 'Ltda.',
    freemail: split('gmail.com, uol.com.br, terra.com.br, hotmail.com, bol.com.br'),
  },
  {
    country: 'IT',
    language: 'it',
    weight: 6,
    firsts: split(
      'Giuseppe, Giovanni, Francesca, Chiara, Niccolò, Lorenzo, Alessandro, Giulia, Martina, Federica, Matteo, Leonardo, Andrea, Elena, Gianluca, Ludovica',
    ),
    lasts: split(
      "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca, Mancini, Costa, Giordano, Rizzo, Lombardi, Moretti, D'Angelo, Caruso",
    ),
    cities: split('Milano, Roma, Torino, Napoli, Bologna, Firenze, Verona, Genova, Palermo'),
    phonePrefixes: split('+39320, +39333, +39347, +39348'),
    digits: 7,
    tld: '.it',
    legal: 'S.r.l.',
    freemail: split('libero.it, gmail.com, virgilio.it, alice.it, tiscali.it'),
  },
  {
    country: 'PL',
    language: 'pl',
    weight: 5,
    firsts: split(
      'Łukasz, Paweł, Michał, Wojciech, Małgorzata, Agnieszka, Krzysztof, Tomasz, Żaneta, Zofia, Grzegorz, Jędrzej, Bartłomiej, Katarzyna, Kinga, Jakub',
    ),
    lasts: split(
      'Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, Zieliński, Szymański, Woźniak, Dąbrowski, Kozłowski, Jankowski, Mazur, Kwiatkowski, Krawczyk',
    ),
    cities: split('Warszawa, Kraków, Łódź, Wrocław, Poznań, Gdańsk, Szczecin, Lublin'),
    phonePrefixes: split('+4850, +4860, +4866, +4869, +4879'),
    digits: 7,
    tld: '.pl',
    legal: 'sp. z o.o.',
    freemail: split('wp.pl, onet.pl, interia.pl, gmail.com, o2.pl'),
  },
  {
    country: 'NL',
    language: 'nl',
    weight: 5,
    firsts: split('Daan, Sem, Bram, Lotte, Fleur, Sanne, Thijs, Joris, Maaike, Anouk, Sven, Femke, Ruud, Marieke'),
    lasts: split(
      'de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, de Boer, Mulder, Bos, Vos, Peters, van der Meer',
    ),
    cities: split('Amsterdam, Rotterdam, Utrecht, Den Haag, Eindhoven, Groningen, Haarlem'),
    phonePrefixes: split('+316'),
    digits: 8,
    tld: '.nl',
    legal: 'B.V.',
    freemail: split('ziggo.nl, kpnmail.nl, gmail.com, hotmail.nl, xs4all.nl'),
  },
  {
    country: 'SE',
    language: 'sv',
    weight: 4,
    firsts: split(
      'Åsa, Björn, Sören, Øystein, Ørjan, Åse, Linnéa, Maja, Elin, Lars, Mikkel, Søren, Ingrid, Frida, Agnès, Håkon',
    ),
    lasts: split(
      'Andersson, Johansson, Karlsson, Nilsson, Eriksson, Hansen, Jørgensen, Sørensen, Pedersen, Ødegård, Håkansson, Lindström, Bergström, Ström, Söderberg',
    ),
    cities: split('Stockholm, Göteborg, Malmö, Uppsala, Oslo, København, Aarhus, Bergen'),
    phonePrefixes: split('+4670, +4672, +4673'),
    digits: 7,
    tld: '.se',
    legal: 'AB',
    freemail: split('telia.com, gmail.com, hotmail.se, live.se'),
  },
  {
    country: 'TR',
    language: 'tr',
    weight: 3,
    firsts: split('Mehmet, Ayşe, Fatma, Mustafa, Çağla, Gökhan, Şule, Özge, İsmail, Ümit, Oğuz, Barış, Gülşen'),
    lasts: split('Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, Özdemir, Arslan, Doğan, Koç'),
    cities: split('İstanbul, Ankara, İzmir, Bursa, Antalya, Eskişehir'),
    phonePrefixes: split('+90532, +90533, +90542, +90505'),
    digits: 7,
    tld: '.com.tr',
    legal: 'A.Ş.',
    freemail: split('gmail.com, hotmail.com, yandex.com.tr'),
  },
  {
    country: 'CZ',
    language: 'cs',
    weight: 2,
    firsts: split('Jiří, Tomáš, Lukáš, Tereza, Kateřina, Petr, Martina, Zdeněk, Věra, Jaroslav'),
    lasts: split('Novák, Svoboda, Novotný, Dvořák, Černý, Procházka, Kučera, Veselý, Horák, Němec'),
    cities: split('Praha, Brno, Ostrava, Plzeň, Olomouc'),
    phonePrefixes: split('+42060, +42072, +42077'),
    digits: 7,
    tld: '.cz',
    legal: 's.r.o.',
    freemail: split('seznam.cz, email.cz, centrum.cz, gmail.com'),
  },
  {
    country: 'VN',
    language: 'vi',
    weight: 2,
    firsts: split('Anh, Minh, Thảo, Hương, Đức, Quốc, Phương, Tuấn, Linh, Hải'),
    lasts: split('Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Đặng, Bùi'),
    cities: split('Hà Nội, Hồ Chí Minh, Đà Nẵng, Hải Phòng, Cần Thơ'),
    phonePrefixes: split('+8490, +8491, +8498'),
    digits: 7,
    tld: '.vn',
    legal: 'JSC',
    freemail: split('gmail.com, yahoo.com.vn'),
  },
  {
    country: 'RU',
    language: 'ru',
    weight: 3,
    firsts: split(
      'Дмитрий|dmitriy, Анна|anna, Сергей|sergey, Ольга|olga, Иван|ivan, Наталья|natalya, Алексей|alexey, Екатерина|ekaterina, Андрей|andrey, Татьяна|tatyana',
    ),
    lasts: split(
      'Иванов|ivanov, Смирнов|smirnov, Кузнецова|kuznetsova, Попов|popov, Васильев|vasiliev, Петрова|petrova, Соколов|sokolov, Михайлова|mikhailova, Новиков|novikov, Фёдоров|fedorov',
    ),
    cities: split('Москва, Санкт-Петербург, Казань, Новосибирск, Екатеринбург'),
    phonePrefixes: split('+7916, +7926, +7903'),
    digits: 7,
    tld: '.ru',
    legal: 'ООО',
    freemail: split('mail.ru, yandex.ru, gmail.com, rambler.ru'),
  },
  {
    country: 'GR',
    language: 'el',
    weight: 1,
    firsts: split('Γιώργος|giorgos, Μαρία|maria, Νίκος|nikos, Ελένη|eleni, Δημήτρης|dimitris, Κατερίνα|katerina'),
    lasts: split(
      'Παπαδόπουλος|papadopoulos, Παπαδοπούλου|papadopoulou, Νικολάου|nikolaou, Γεωργίου|georgiou, Οικονόμου|oikonomou',
    ),
    cities: split('Αθήνα, Θεσσαλονίκη, Πάτρα, Ηράκλειο'),
    phonePrefixes: split('+3069'),
    digits: 8,
    tld: '.gr',
    legal: 'Α.Ε.',
    freemail: split('gmail.com, yahoo.gr, otenet.gr'),
  },
  {
    country: 'JP',
    language: 'ja',
    weight: 2,
    firsts: split('太郎|taro, さくら|sakura, 翔太|shota, 陽菜|hina, 健一|kenichi, 美咲|misaki, 大輔|daisuke, 結衣|yui'),
    lasts: split(
      '佐藤|sato, 鈴木|suzuki, 高橋|takahashi, 田中|tanaka, 伊藤|ito, 渡辺|watanabe, 山本|yamamoto, 中村|nakamura',
    ),
    cities: split('東京, 大阪, 名古屋, 横浜, 福岡, 札幌'),
    phonePrefixes: split('+8190, +8180, +8170'),
    digits: 8,
    tld: '.co.jp',
    legal: 'K.K.',
    freemail: split('gmail.com, yahoo.co.jp, docomo.ne.jp'),
  },
];

export const COMPANY_PREFIXES = split(
  'Brass, Nordic, Blue, Atlas, Helios, Kranich, Lumière, Sol, Vértice, Polar, Granite, Cedar, Maple, Alpen, Fjord, Sakura, Aurora, Iron, Copper, Linden, Olive, Harbor, Summit, Falcon, Coral, Amber, Ember, Saffron, Boréal, Zephyr, Meridian, Orchard, Willow, Cobalt, Quartz, Tundra, Mistral, Caravel, Juniper, Okapi',
);
export const COMPANY_WORDS = split(
  'Lamps, Logistics, Foods, Textiles, Analytics, Design, Metalworks, Ceramics, Studio, Solutions, Robotics, Bakery, Coffee, Outdoor, Pharma, Media, Labs, Furniture, Lighting, Interiors, Wines, Apparel, Print, Bikes, Garden, Tools, Audio, Optics, Packaging, Imports',
);

export const TITLES = split(
  'CEO, Founder, Owner, Head of Purchasing, Buyer, Marketing Manager, Sales Director, Office Manager, Operations Lead, CFO, Account Manager, Store Manager, Geschäftsführer, Einkaufsleiter, Directrice commerciale, Responsable achats, Jefe de compras, Gerente, Diretora de compras, Responsabile acquisti, Kierownik zakupów, Inkoper, Head of E-commerce, Visual Merchandiser, Interior Architect',
);

/** Ordered from common to rare (the generator skews towards the front). */
export const TAGS = split(
  'newsletter, b2b, retail, wholesale, vip, trade-show-2025, webinar, referral, lighting, furniture, b2c, partner, reseller, distributor, trade-show-2024, event:berlin, event:paris, textiles, coffee, eco, premium, prospect-q3, churn-risk, beta-tester, support-priority, late-payer, invoice-by-post, dropship, influencer, press',
);

/** Lifecycle stage keys (the workspace defaults) with their share in per mille. */
export const STAGES: [string, number][] = [
  ['subscriber', 250],
  ['lead', 350],
  ['prospect', 150],
  ['customer', 170],
  ['repeat_customer', 60],
  ['advocate', 20],
];

export const CHANNEL_SHARES: [string, number][] = [
  ['website_form', 300],
  ['import', 200],
  ['trade_show', 120],
  ['referral_partner', 80],
  ['social', 80],
  ['email', 60],
  ['event', 50],
  ['advertising', 40],
  ['marketplace', 30],
  ['manual', 25],
  ['api', 15],
];

export const NOTE_OPENERS = split(
  'Called, Met, Emailed, Spoke with, Visited, Left voicemail for, Video call with, Lunch with, Quick chat with',
);
export const NOTE_TOPICS = split(
  'asked about, wants a quote for, complained about, ordered, is interested in, needs samples of, renewing contract for, asked for a discount on, returned, wants a demo of, compared prices of, reported damage to',
);
export const NOTE_PRODUCTS = split(
  'chandelier, pendant lamps, wall sconces, floor lamps, LED strips, dimmers, oak tables, walnut shelves, linen curtains, wool throws, espresso machines, grinders, stoneware mugs, ceramic vases, copper kettles, rattan chairs, velvet sofas, marble coasters, bamboo blinds, desk organisers, terrazzo planters, brass handles, cashmere scarves, leather satchels, Kronleuchter, Stehlampen, luminaires, suspensions, lámparas, candelabros, luminárias, lampadari, żyrandole, hanglampen, taklampor, avizeler',
);
export const NOTE_DETAILS = split(
  'before Christmas, for the new store, for their spring catalogue, delivery next month, budget is tight, wants free shipping, asked for the B2B price list, will decide after the trade fair, needs an invoice in their name, prefers bank transfer, asked about our sustainability policy, send the brochure again, call back on Monday, warehouse moved, new buyer starts in March',
);

/** Accents stripped, special letters folded; the e-mail spelling of a name. */
export function asciiSlug(s: string): string {
  return s
    .replace(/ß/g, 'ss')
    .replace(/[Łł]/g, 'l')
    .replace(/[Øø]/g, 'o')
    .replace(/[Ææ]/g, 'ae')
    .replace(/[Đđ]/g, 'd')
    .replace(/ı/g, 'i')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** `Müller|mueller` → display and e-mail spelling. */
export function nameParts(entry: string): { display: string; ascii: string } {
  const [display = entry, ascii] = entry.split('|');
  return { display, ascii: ascii ?? asciiSlug(display) };
}
