// HTML made ready for the wire once per bulk send, so that each recipient's message can go as it is (7bit) instead
// of through a quoted-printable pass, and its DKIM relaxed form is itself (no second pass either):
//   - every non-ASCII character becomes a numeric character reference (`é` → `&#233;`), which any HTML parser reads
//     back as the same character — except inside <style> and <script>, whose text is not HTML (left as it is; the
//     part then goes quoted-printable);
//   - white space is collapsed: no indentation (but a line never starts with "."), no white space before a line end,
//     no runs of spaces or tabs. HTML
//     renders a run of white space as one space, so nothing visible changes — except inside <pre> and <textarea> and
//     under CSS `white-space: pre…`, so a document with any of those keeps its white space;
//   - line breaks are CRLF, and a break between two tags (`>` CRLF `<`) becomes a space while the line stays short:
//     MJML writes a tag a line, ~28 characters on average, and the MIME builder checks every line of every
//     recipient's message for the 998-octet limit — 741 lines of the bench newsletter cost 30 µs a message; joined
//     to 46, building a message's MIME went from 131 to 84 µs in all. Between tags, a line break and a space are the
//     same collapsible white space.
// Liquid tags are left exactly as written: the transformation applies to the literal text around them. Output of
// `{{ }}` is made ASCII as it is written (see `toCharRefs`, used by render.ts); white space in it is left to the MIME
// builder, which checks every part anyway.

const LIQUID_TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const RAW_TEXT = /<(style|script)\b[\s\S]*?<\/\1\s*>/gi;
const KEEPS_WHITE_SPACE = /<(?:pre|textarea)\b|white-space\s*:\s*(?:pre|break-spaces)/i;

/** Non-ASCII characters as numeric character references; ASCII text comes back as the same string. */
export function toCharRefs(s: string): string {
  // Not /u: a code-point regex is several times slower over long text. Surrogate pairs are joined by hand.
  return s.replace(/[\u0080-\uffff]/g, (ch, offset: number, whole: string) => {
    const hi = ch.charCodeAt(0);
    if (hi >= 0xd800 && hi <= 0xdbff) {
      const lo = whole.charCodeAt(offset + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) return `&#${(hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000};`;
    }
    // A low surrogate whose high half was just written as part of a pair; a lone surrogate is dropped (it is not text).
    if ((hi >= 0xdc00 && hi <= 0xdfff) || (hi >= 0xd800 && hi <= 0xdbff)) return '';
    return `&#${hi};`;
  });
}

export function wireReadyHtml(html: string): string {
  const keepWhiteSpace = KEEPS_WHITE_SPACE.test(html);
  const rawText: [number, number][] = [];
  for (const m of html.matchAll(RAW_TEXT)) rawText.push([m.index, m.index + m[0].length]);
  let out = '';
  let from = 0;
  const literal = (end: number) => {
    if (end > from) out += literalText(html.slice(from, end), from, rawText, keepWhiteSpace);
  };
  for (const m of html.matchAll(LIQUID_TAG)) {
    literal(m.index);
    out += m[0];
    from = m.index + m[0].length;
  }
  literal(html.length);
  return oneByte(keepWhiteSpace ? out : joinTagLines(out));
}

/**
 * What a joined line may weigh: its characters, plus room for what a send adds to it — a tracked link is ~250
 * characters longer than the href it replaces, a `{{ }}` output is as long as the contact's data. A line that still
 * grows past 998 octets makes that recipient's HTML part go quoted-printable (the builder checks): correct, slower.
 */
const LINE_BUDGET = 600;
const weight = (line: string) =>
  line.length + 250 * (line.match(/\bhref\s*=/gi)?.length ?? 0) + 100 * (line.split('{{').length - 1);

type State = 'text' | 'tag' | 'dq' | 'sq' | 'comment' | 'style' | 'script';

/**
 * Joins lines where a line break is white space that a space can stand for: between the attributes of a tag, between
 * a tag and its neighbour (`>` CRLF, CRLF `<`), at a blank line, and anywhere in CSS. Never inside a quoted attribute
 * value (a break there is part of the value), in <script>, in a Liquid tag, or between two words of text (some
 * browsers drop a break between two CJK characters but show a space). Once per send, so a plain loop.
 */
function joinTagLines(html: string): string {
  const liquid = new Map<number, number>();
  for (const m of html.matchAll(LIQUID_TAG)) liquid.set(m.index, m.index + m[0].length);
  let out = '';
  let lineStart = 0; // in `out`
  let state: State = 'text';
  let tagName = '';
  let i = 0;
  while (i < html.length) {
    const end = liquid.get(i);
    if (end !== undefined) {
      out += html.slice(i, end);
      i = end;
      continue;
    }
    const c = html[i]!;
    if (c === '\r' && html[i + 1] === '\n') {
      const prev = html[i - 1];
      const next = html[i + 2];
      const nearTag = prev === '>' || next === '<' || prev === '\n' || next === '\r';
      // The document's last line end stays: the plain rendering has it too.
      const joinable =
        next !== undefined &&
        (state === 'tag' || state === 'style' || ((state === 'text' || state === 'comment') && nearTag));
      const nextEnd = html.indexOf('\r\n', i + 2);
      const nextLine = html.slice(i + 2, nextEnd < 0 ? html.length : nextEnd);
      if (joinable && weight(out.slice(lineStart)) + 1 + weight(nextLine) <= LINE_BUDGET) {
        // One space stands for the break, unless white space is already on either side (no runs, no space at a line end).
        if (!out.endsWith(' ') && next !== ' ' && next !== '\r') out += ' ';
      } else {
        if (out.endsWith(' ')) out = out.slice(0, -1);
        out += '\r\n';
        lineStart = out.length;
      }
      i += 2;
      continue;
    }
    out += c;
    i++;
    switch (state) {
      case 'text':
      case 'comment':
        if (state === 'comment') {
          if (c === '>' && html.slice(i - 3, i) === '-->') state = 'text';
        } else if (c === '<' && html.startsWith('!--', i)) state = 'comment';
        else if (c === '<' && /[A-Za-z/!?]/.test(html[i] ?? '')) {
          state = 'tag';
          tagName = (/^[A-Za-z][A-Za-z0-9-]*/.exec(html.slice(i, i + 20))?.[0] ?? '').toLowerCase();
        }
        break;
      case 'tag':
        if (c === '"') state = 'dq';
        else if (c === "'") state = 'sq';
        else if (c === '>') state = tagName === 'style' ? 'style' : tagName === 'script' ? 'script' : 'text';
        break;
      case 'dq':
        if (c === '"') state = 'tag';
        break;
      case 'sq':
        if (c === "'") state = 'tag';
        break;
      case 'style':
      case 'script':
        if (c === '<' && html.slice(i, i + 1 + state.length).toLowerCase() === `/${state}`) {
          state = 'tag';
          tagName = '';
        }
        break;
    }
  }
  return out;
}

/**
 * The same text held one byte a character when it can be. V8 keeps a string two bytes a character once any part of
 * it was (the MJML output with its `’`), even after every such character became a reference; then every scan, copy
 * and hash of every recipient's message works on twice the bytes, and native searches fall off their fast paths.
 */
function oneByte(s: string): string {
  return /[\u0100-\uffff]/.test(s) ? s : Buffer.from(s, 'latin1').toString('latin1');
}

function literalText(text: string, at: number, rawText: [number, number][], keepWhiteSpace: boolean): string {
  let t = text;
  if (/[\u0080-\uffff]/.test(t)) {
    const inRawText = (i: number) => rawText.some(([a, b]) => i >= a && i < b);
    // Whole characters: a surrogate pair is referenced as one, never split across the raw-text test.
    t = t.replace(/[\ud800-\udbff][\udc00-\udfff]|[\u0080-\uffff]/g, (ch, offset: number) =>
      inRawText(at + offset) ? ch : toCharRefs(ch),
    );
  }
  if (!keepWhiteSpace) {
    // A literal piece can end next to a Liquid tag: white space there is not at a line end and stays one space.
    // A line that starts with "." is doubled on the wire (SMTP dot-stuffing, another pass over every message); CSS
    // rules start so. One space before the dot reads the same and spares that pass.
    t = t
      .replace(/[ \t]+(?=\r\n|\r|\n)/g, '')
      .replace(/(\r\n|\r|\n)[ \t]*(\.?)/g, (_m, br: string, dot: string) => (dot ? `${br} .` : br))
      .replace(/[ \t]{2,}|\t/g, ' ');
  }
  return t.replace(/\r\n|\r|\n/g, '\r\n');
}
