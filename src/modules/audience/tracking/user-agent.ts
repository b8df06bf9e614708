/**
 * Who fetched an open pixel or followed a click. Mailbox providers fetch images through proxies: Apple Mail Privacy
 * Protection loads every image of every message when it arrives (so an "open" from it says the message reached the
 * mailbox, not that a person read it), Gmail and Yahoo fetch on first display through their caches. Reports can then
 * count opens with or without machine opens. Only the class is stored, never the raw string or the IP address.
 */
export type ClientClass =
  | 'apple_privacy_proxy'
  | 'google_image_proxy'
  | 'yahoo_image_proxy'
  | 'mail_client'
  | 'browser'
  | 'bot'
  | 'unknown';

export type ClientInfo = { client: ClientClass; proxy: boolean };

const cache = new Map<string, ClientInfo>();

export function classifyUserAgent(ua: string | undefined): ClientInfo {
  if (!ua) return { client: 'unknown', proxy: false };
  const hit = cache.get(ua);
  if (hit) return hit;
  const info = classify(ua);
  // Few distinct agents exist in practice; a bounded cache keeps a flood of random ones from growing it.
  if (cache.size > 2000) cache.clear();
  cache.set(ua, info);
  return info;
}

function classify(ua: string): ClientInfo {
  if (/GoogleImageProxy|ggpht\.com/i.test(ua)) return { client: 'google_image_proxy', proxy: true };
  if (/YahooMailProxy/i.test(ua)) return { client: 'yahoo_image_proxy', proxy: true };
  // Apple MPP announces itself as a bare "Mozilla/5.0" or as WebKit without any browser or mail-app token.
  if (
    ua.trim() === 'Mozilla/5.0' ||
    /^Mozilla\/5\.0 \([^)]*\) AppleWebKit\/[\d.]+ \(KHTML, like Gecko\)$/.test(ua.trim())
  )
    return { client: 'apple_privacy_proxy', proxy: true };
  if (/Microsoft Office|ms-office|Outlook-iOS|Outlook-Android|OneOutlook/i.test(ua)) {
    return { client: 'mail_client', proxy: false };
  }
  if (/Thunderbird|Apple ?Mail|AirMail|Spark|K-9|Evolution|Mailbird|Postbox/i.test(ua)) {
    return { client: 'mail_client', proxy: false };
  }
  if (
    /bot|crawler|spider|scanner|curl\/|wget|python-requests|Go-http-client|HeadlessChrome|Barracuda|Mimecast|Proofpoint/i.test(
      ua,
    )
  ) {
    return { client: 'bot', proxy: false };
  }
  if (/Mozilla\/5\.0/.test(ua)) return { client: 'browser', proxy: false };
  return { client: 'unknown', proxy: false };
}
