// A realistic newsletter for the campaign bench: header image, greeting with the contact's name and company, three
// stories with images and links, a call to action, a footer with the unsubscribe / preferences / view links and the
// postal address. About a dozen links to rewrite for click tracking, plus the open pixel.
import type { TemplateSource } from '../../src/platform/mail/render.ts';

const story = (n: number, title: string, body: string) => `
    <mj-section padding="12px 0">
      <mj-column width="35%"><mj-image src="https://cdn.bench.example/stories/${n}.jpg" alt="${title}" href="https://bench.example/blog/story-${n}?utm_source=newsletter&amp;utm_medium=email" /></mj-column>
      <mj-column width="65%">
        <mj-text font-size="18px" font-weight="bold">${title}</mj-text>
        <mj-text>${body} <a href="https://bench.example/blog/story-${n}?utm_source=newsletter&amp;utm_medium=email">Read more</a></mj-text>
      </mj-column>
    </mj-section>`;

export const NEWSLETTER: TemplateSource = {
  subject: '{{ contact.first_name }}, our November lighting guide is here',
  preheader: 'Warm light for short days, three customer projects, and 15% off dimmers until Sunday.',
  mjml: `<mjml>
  <mj-head>
    <mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" /><mj-text font-size="15px" line-height="1.5" color="#222222" /></mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f4f4">
    <mj-section background-color="#ffffff">
      <mj-column><mj-image width="160px" src="https://cdn.bench.example/logo.png" alt="Bench Lighting Co" href="https://bench.example/" /></mj-column>
    </mj-section>
    <mj-section background-color="#ffffff">
      <mj-column>
        <mj-text font-size="22px" font-weight="bold">Hello {{ contact.first_name }},</mj-text>
        <mj-text>Days are getting shorter, and the team at {{ workspace.name }} has been busy. Here is what we made for
          {{ contact.company | default: "your home" }} this month: new warm-white strips, a guide to layering light in
          small rooms, and three projects our customers sent us. As always, reply to this email if you have a question:
          a person reads every answer.</mj-text>
        <mj-button background-color="#e8590c" href="https://bench.example/shop/dimmers?utm_source=newsletter&amp;utm_medium=email">15% off dimmers until Sunday</mj-button>
      </mj-column>
    </mj-section>
    ${story(1, 'Layering light in a small living room', 'Three sources at three heights: how a 14 m² flat in Leipzig went from one harsh ceiling lamp to a room that changes with the evening. Parts list and wiring plan inside.')}
    ${story(2, 'Warm white, measured', 'We put twelve strips under a spectrometer. Colour rendering, flicker and what the number on the box leaves out, with the two we now recommend.')}
    ${story(3, 'A bakery that glows at 5 a.m.', 'Marta’s bakery in Porto opens before sunrise. The display-case lighting she built with our profiles, and what she would do differently.')}
    <mj-section background-color="#ffffff">
      <mj-column>
        <mj-text>Questions about an order? <a href="https://bench.example/help?utm_source=newsletter">Our help pages</a> or <a href="mailto:help@bench.example">write to us</a>.</mj-text>
        <mj-social mode="horizontal">
          <mj-social-element name="instagram" href="https://instagram.com/benchlighting" />
          <mj-social-element name="youtube" href="https://youtube.com/@benchlighting" />
        </mj-social>
      </mj-column>
    </mj-section>
    <mj-section>
      <mj-column>
        <mj-text font-size="12px" color="#666666">You get this because you subscribed at bench.example as {{ contact.email }}.
          <a href="{{ unsubscribe_url }}">Unsubscribe</a> · <a href="{{ preferences_url }}">Preferences</a> · <a href="{{ view_url }}">View in your browser</a><br />
          {{ workspace.name }} · {{ workspace.address }}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`,
};

const FIRST = ['Anna', 'Jan', 'Maria', 'Li', 'Sara', 'José', 'Olga', 'Tom', 'Fatma', 'Ivan', 'Chloé', 'Kenji', 'Zoë'];
const LAST = ['Schmidt', 'Novák', 'García', 'Wang', 'Cohen', 'Müller', 'Petrova', 'Smith', 'Yılmaz', 'Dubois'];

/** The i-th bench recipient (names with and without accents, a company for one in three). */
export function benchContact(i: number) {
  return {
    firstName: FIRST[i % FIRST.length]!,
    lastName: LAST[(i >> 2) % LAST.length]!,
    email: `r${i}@inbox${i % 97}.bench.example`,
    companyName: i % 3 === 0 ? `Studio ${i % 1000}` : null,
  };
}

export const BENCH_POSTAL_ADDRESS = 'Bench Lighting Co, Torstraße 1, 10119 Berlin, Germany';
