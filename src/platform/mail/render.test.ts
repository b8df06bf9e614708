import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render.ts';

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
});
