import { describe, expect, it } from 'vitest';
import { compileTemplate, fillLinkSlots, renderCompiled, renderTemplate } from './render.ts';
import { wireReadyHtml } from './wire-html.ts';

const mjml = (body: string) =>
  `<mjml><mj-body><mj-section><mj-column><mj-text>${body}</mj-text></mj-column></mj-section></mj-body></mjml>`;

describe('template rendering', () => {
  it('personalises, escapes HTML output, keeps the subject and text parts unescaped', async () => {
    const r = await renderTemplate(
      { subject: 'Hi {{ name }}', mjml: mjml('Dear {{ name | default: "there" }}') },
      { name: 'Ana <b>' },
    );
    expect(r.subject).toBe('Hi Ana <b>');
    expect(r.html).toContain('Dear Ana &lt;b&gt;');
    expect(r.text).toContain('Dear Ana <b>');
    // MJML's default font links would make every open a request to Google.
    expect(r.html).not.toContain('fonts.googleapis.com');
  });

  it("never reads the server's files through include, render or layout", async () => {
    for (const tag of ["{% include 'package.json' %}", "{% render 'package.json' %}", "{% layout 'package.json' %}"]) {
      await expect(renderTemplate({ subject: 's', mjml: mjml(tag) }, {})).rejects.toThrow();
    }
  });

  it('stops a runaway loop instead of tying up the process', async () => {
    await expect(
      renderTemplate({ subject: 's', mjml: mjml('{% for i in (1..1000000000) %}x{% endfor %}') }, {}),
    ).rejects.toThrow();
  });

  describe('link slots (bulk sends)', () => {
    const src = {
      subject: 'Hi {{ name }}',
      mjml: mjml(
        'Dear {{ name }}, <a href="https://shop.example/a?x=1&amp;y=2">one</a> <a href=\'{{ url }}\'>two</a> <a href="mailto:a@b.example">mail</a>',
      ),
    };

    it('rewrites exactly the links a regular expression over the rendered message would, and places the pixel', async () => {
      const plain = await renderCompiled(await compileTemplate(src), {
        name: 'Ana',
        url: 'https://shop.example/{{b}}',
      });
      const slotted = await renderCompiled(await compileTemplate(src, { linkSlots: true }), {
        name: 'Ana',
        url: 'https://shop.example/{{b}}',
      });
      const seen: string[] = [];
      const filled = fillLinkSlots(
        slotted.html,
        (raw) => {
          seen.push(raw);
          return `T${seen.length}`;
        },
        '<img id="px">',
      );
      expect(seen).toEqual(['https://shop.example/a?x=1&amp;y=2', 'https://shop.example/{{b}}', 'mailto:a@b.example']);
      expect(filled).toContain('href="T1"');
      expect(filled).toContain("href='T2'");
      expect(filled).toMatch(/<img id="px"><\/body>/);
      expect(filled.includes('\u0001') || filled.includes('\u0002')).toBe(false);
      // Identity fill gives back the message as rendered without slots.
      expect(fillLinkSlots(slotted.html, (raw) => raw, '')).toBe(plain.html);
    });

    it('cannot be opened or closed by contact data: control characters never reach the output', async () => {
      const compiled = await compileTemplate(src, { linkSlots: true });
      const r = await renderCompiled(compiled, { name: 'A\u0001\u0002na\u0007', url: 'https://x.example/\u0001' });
      expect(r.subject).toBe('Hi Ana');
      const seen: string[] = [];
      fillLinkSlots(
        r.html,
        (raw) => {
          seen.push(raw);
          return raw;
        },
        '',
      );
      expect(seen).toEqual(['https://shop.example/a?x=1&amp;y=2', 'https://x.example/', 'mailto:a@b.example']);
      expect(r.html).toContain('Dear Ana,');
    });

    it('leaves a message without slots alone', () => {
      expect(fillLinkSlots('<a href="https://x.example">x</a>', () => 'NO', 'PX')).toBe(
        '<a href="https://x.example">x</a>',
      );
    });
  });

  describe('wire-ready HTML (bulk sends)', () => {
    const src = {
      subject: 'Grüße {{ name }}',
      mjml: `<mjml><mj-head><mj-style>.fancy { font-family: "Crème Sans"; }</mj-style></mj-head><mj-body>
        <mj-section><mj-column>
          <mj-text>Dear {{ name }},   welcome to Café Zoë — 10 m² of 🎉.
            {{ note | default: "two  spaces" }}</mj-text>
          <mj-button href="https://shop.example/café?a=1&amp;b=2">Visit</mj-button>
        </mj-column></mj-section></mj-body></mjml>`,
    };

    it('is ASCII, CRLF, without indentation or runs of white space, and says the same as the plain rendering', async () => {
      const vars = { name: 'José 😀' };
      const plain = await renderCompiled(await compileTemplate(src), vars);
      const wire = await renderCompiled(await compileTemplate(src, { wire: true }), vars);
      const outsideStyle = wire.html.replace(/<style\b[\s\S]*?<\/style>/g, '');
      expect(/[\u0080-\uffff]/.test(outsideStyle)).toBe(false);
      expect(wire.html).toContain('Crème Sans'); // CSS is not HTML: a reference there would be read literally
      expect(wire.html.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      expect(outsideStyle).not.toMatch(/\r\n[ \t]|[ \t]\r\n/);
      expect(plain.html).toMatch(/\n\./); // MJML writes CSS rules at the start of a line…
      expect(wire.html).not.toMatch(/\n\./); // …which would be dot-stuffed on the wire
      expect(wire.html).toContain(
        'Dear Jos&#233; &#128512;, welcome to Caf&#233; Zo&#235; &#8212; 10 m&#178; of &#127881;.',
      );
      // Output is left as the contact data or the template's literal wrote it; the MIME builder copes with it.
      expect(wire.html).toContain('two  spaces');
      expect(wire.subject).toBe(plain.subject);
      expect(wire.text).toBe(plain.text);
      // Read back as a browser would (references decoded, white space collapsed), both say the same.
      const visible = (h: string) =>
        h
          .replace(/<style\b[\s\S]*?<\/style>/g, '')
          .replace(/&#(\d+);/g, (_r, d: string) => String.fromCodePoint(Number(d)))
          .replace(/\s+/g, ' ');
      expect(visible(wire.html)).toBe(visible(plain.html));
    });

    it('joins lines where a break is only white space between tags, and nowhere a break could mean something', () => {
      const html = [
        '<p title="a',
        'b">x',
        'y</p>',
        '<script>',
        'var a = 1',
        'b()',
        '</script>',
        '<style>',
        'a { b: c }',
        '.x { }',
        '</style>',
        '',
        '',
        '<b>{{ "x',
        '<" }}</b>',
        '<i',
        'class="z"',
        '>',
      ].join('\n');
      expect(wireReadyHtml(html)).toBe(
        [
          '<p title="a', // a break inside an attribute value is part of the value
          'b">x', // between two words of text: kept (CJK text would read differently)
          'y</p> <script>', // script: every break kept
          'var a = 1',
          'b()',
          // CSS and blank lines: one space each; a Liquid tag is left exactly as written (its bare line break too).
          '</script> <style> a { b: c } .x { } </style> <b>{{ "x\n<" }}</b> <i class="z" >',
        ].join('\r\n'),
      );
    });

    it('keeps joined lines short enough for tracked links and personal data to fit under 998 octets', () => {
      // A table written a cell a line, one cell in five with a link (weighing its ~250 characters of allowance).
      const cells = Array.from({ length: 500 }, (_, i) =>
        i % 5 === 0 ? '<td><a href="https://shop.example/p">Product</a></td>' : '<td style="padding:4px">12.50</td>',
      );
      const wire = wireReadyHtml(cells.join('\n'));
      const lines = wire.split('\r\n');
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.length).toBeLessThanOrEqual(500 / 5); // a link cell and the four after it fit a line
      for (const line of lines)
        expect(line.length + 250 * (line.match(/href=/g)?.length ?? 0)).toBeLessThanOrEqual(600);
    });

    it('keeps white space where it shows: <pre>, <textarea>, CSS white-space: pre', async () => {
      for (const raw of [
        '<pre>a  b\n  c</pre>',
        '<textarea>a  b</textarea>',
        '<div style="white-space: pre">a  b</div>',
      ]) {
        const t = await compileTemplate(
          { subject: 's', mjml: mjml(`<mj-raw>${raw}</mj-raw>`).replace('<mj-text>', '').replace('</mj-text>', '') },
          { wire: true },
        );
        const html = (await renderCompiled(t, {})).html;
        expect(html).toContain(raw.replace(/\n/g, '\r\n'));
      }
    });
  });
});
