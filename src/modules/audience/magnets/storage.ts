import path from 'node:path';

/** Where a magnet's bytes live: one file per magnet, named by ids only (never by the uploaded name). */
export function magnetPath(dataDir: string, workspaceId: string, id: string): string {
  return path.join(dataDir, 'magnets', workspaceId, id);
}

/**
 * Types we serve under their own name. Anything else (HTML, SVG, scripts, executables) is served as
 * application/octet-stream — and everything as an attachment, so no upload ever renders or runs in our origin.
 */
const SAFE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  epub: 'application/epub+zip',
  zip: 'application/zip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

/** Programs and pages: a business has no reason to hand these out as a lead magnet, and they are how malware travels. */
const REFUSED = new Set([
  'exe',
  'msi',
  'bat',
  'cmd',
  'com',
  'scr',
  'pif',
  'cpl',
  'vbs',
  'vbe',
  'js',
  'mjs',
  'jse',
  'wsf',
  'wsh',
  'ps1',
  'psm1',
  'jar',
  'sh',
  'bash',
  'app',
  'apk',
  'dll',
  'html',
  'htm',
  'xhtml',
  'svg',
  'hta',
  'lnk',
  'reg',
  'php',
]);

export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return m ? m[1]!.toLowerCase() : '';
}

export function isRefusedFile(fileName: string): boolean {
  return REFUSED.has(extensionOf(fileName));
}

export function servedType(fileName: string): string {
  return SAFE_TYPES[extensionOf(fileName)] ?? 'application/octet-stream';
}

/** `attachment; filename=…` that survives any name: an ASCII fallback plus the RFC 6266/5987 UTF-8 form. */
export function attachmentDisposition(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A file name safe to keep and show: no directories, no control characters, not too long. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(-200);
  return clean || 'download';
}
