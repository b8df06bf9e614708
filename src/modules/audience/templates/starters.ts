// Starter templates: real layouts people start from (newsletter, welcome, product news). MJML takes care of Outlook
// and Gmail; Liquid fills in the recipient. Liquid only appears in text and attribute values (see render.ts: MJML runs
// before Liquid). Pictures are placeholders served by this server (starter-images.ts) until people put their own.

export type Starter = {
  key: string;
  name: string;
  description: string;
  subject: string;
  preheader: string;
  mjml: string;
};

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif";

/** Shared head: fonts, sizes and colours in one place so a business changes its brand colour once. */
function head(title: string, brand: string): string {
  return `  <mj-head>
    <mj-title>${title}</mj-title>
    <mj-attributes>
      <mj-all font-family="${FONT}" />
      <mj-text font-size="16px" line-height="1.6" color="#1f2937" padding="0 32px" />
      <mj-button background-color="${brand}" color="#ffffff" font-size="15px" font-weight="600" border-radius="6px" inner-padding="12px 24px" />
      <mj-image padding="0" />
      <mj-divider border-color="#e5e7eb" border-width="1px" />
    </mj-attributes>
    <mj-style inline="inline">
      a { color: ${brand}; }
      .muted a { color: #6b7280; }
    </mj-style>
  </mj-head>`;
}

/** Every marketing email ends with who sent it, where they are, and how to leave: the law in most places. */
function footer(reason: string): string {
  return `    <mj-section padding="24px 16px 40px">
      <mj-column>
        <mj-text css-class="muted" align="center" font-size="12px" line-height="1.6" color="#6b7280" padding="0 16px">
          ${reason}<br />
          {{ workspace.name }} · {{ workspace.address }}
        </mj-text>
        <mj-text css-class="muted" align="center" font-size="12px" color="#6b7280" padding="12px 16px 0">
          <a href="{{ preferences_url }}">Manage your preferences</a> &nbsp;·&nbsp; <a href="{{ unsubscribe_url }}">Unsubscribe</a>
        </mj-text>
      </mj-column>
    </mj-section>`;
}

function viewOnline(): string {
  return `    <mj-section padding="16px 16px 8px">
      <mj-column>
        <mj-text css-class="muted" align="center" font-size="12px" color="#6b7280">
          <a href="{{ view_url }}">View this email in your browser</a>
        </mj-text>
      </mj-column>
    </mj-section>`;
}

function newsletter(assets: string): Starter {
  const brand = '#1c7c54';
  const article = (img: string, kicker: string, title: string, body: string, url: string, cta: string) => `
    <mj-section background-color="#ffffff" padding="8px 0 24px">
      <mj-column padding="0 32px">
        <mj-image src="${assets}/${img}.png" alt="${title}" href="${url}" border-radius="8px" width="536px" />
        <mj-text padding="20px 0 0" font-size="12px" font-weight="700" color="${brand}" letter-spacing="1px" text-transform="uppercase">${kicker}</mj-text>
        <mj-text padding="4px 0 0" font-size="20px" line-height="1.35" font-weight="700" color="#111827">${title}</mj-text>
        <mj-text padding="8px 0 0">${body}</mj-text>
        <mj-button href="${url}" align="left" padding="16px 0 0">${cta}</mj-button>
      </mj-column>
    </mj-section>`;
  return {
    key: 'newsletter',
    name: 'Newsletter',
    description: 'A monthly letter: a short note from you, three stories with a picture and a button each.',
    subject: '{{ workspace.name }} — what we learned this month',
    preheader: 'Three stories worth your coffee break, and one thing we are trying next.',
    mjml: `<mjml>
${head('{{ workspace.name }} newsletter', brand)}
  <mj-body background-color="#f3f4f6" width="600px">
${viewOnline()}
    <mj-section background-color="${brand}" padding="32px 0" border-radius="10px 10px 0 0">
      <mj-column>
        <mj-text align="center" color="#ffffff" font-size="26px" font-weight="700" line-height="1.3">{{ workspace.name }}</mj-text>
        <mj-text align="center" color="#d1fae5" font-size="14px" padding="6px 32px 0">The monthly letter</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="36px 0 16px">
      <mj-column>
        <mj-text font-size="22px" font-weight="700" color="#111827">Hello {{ contact.first_name | default: "there" }},</mj-text>
        <mj-text padding="12px 32px 0">This month we visited two trade fairs, shipped our first orders to a new country and wrote down what our customers keep asking us. Here are the three stories we think you will find most useful.</mj-text>
      </mj-column>
    </mj-section>
${article('article-amber', 'Field notes', 'What three trade fairs taught us about buyers this year', 'Buyers ask fewer questions about price and more about lead times and certificates. We collected the questions we heard most, and our answers.', 'https://example.com/blog/trade-fair-notes', 'Read the notes')}
    <mj-section background-color="#ffffff" padding="0 32px"><mj-column><mj-divider padding="0 0 24px" /></mj-column></mj-section>
${article('article-blue', 'Guide', 'A one-page checklist before you place a first order', 'Samples, terms, packaging, paperwork: the short list our best customers go through, so the first delivery is never a surprise.', 'https://example.com/guides/first-order', 'Get the checklist')}
    <mj-section background-color="#ffffff" padding="0 32px"><mj-column><mj-divider padding="0 0 24px" /></mj-column></mj-section>
${article('article-rose', 'Behind the scenes', 'How we cut our delivery time from five weeks to three', 'No magic: two suppliers closer to us, a weekly planning call and a spreadsheet everybody can read. What worked, and what did not.', 'https://example.com/blog/faster-delivery', 'See how')}
    <mj-section background-color="#ffffff" padding="8px 0 36px" border-radius="0 0 10px 10px">
      <mj-column>
        <mj-text>Questions, ideas, a story we should tell? Just reply to this email — a person reads every answer.</mj-text>
        <mj-text padding="16px 32px 0">Until next month,<br /><strong>The {{ workspace.name }} team</strong></mj-text>
      </mj-column>
    </mj-section>
${footer('You receive this letter because you subscribed to news from {{ workspace.name }}.')}
  </mj-body>
</mjml>
`,
  };
}

function welcome(assets: string): Starter {
  const brand = '#2563eb';
  const step = (n: number, title: string, body: string) => `
        <mj-text padding="16px 32px 0" font-size="16px"><span style="display:inline-block;width:28px;height:28px;line-height:28px;border-radius:14px;background:#dbeafe;color:${brand};font-weight:700;text-align:center;margin-right:10px">${n}</span><strong>${title}</strong></mj-text>
        <mj-text padding="4px 32px 0 70px" color="#4b5563">${body}</mj-text>`;
  return {
    key: 'welcome',
    name: 'Welcome',
    description: 'The first email a new subscriber gets: a warm hello, what to expect, and one clear next step.',
    subject: 'Welcome to {{ workspace.name }}, {{ contact.first_name | default: "friend" }}',
    preheader: 'Thanks for joining us — here is what happens next.',
    mjml: `<mjml>
${head('Welcome to {{ workspace.name }}', brand)}
  <mj-body background-color="#eef2ff" width="600px">
${viewOnline()}
    <mj-section background-color="#ffffff" padding="0" border-radius="10px 10px 0 0">
      <mj-column>
        <mj-image src="${assets}/hero-green.png" alt="Welcome to {{ workspace.name }}" border-radius="10px 10px 0 0" />
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="36px 0 8px">
      <mj-column>
        <mj-text font-size="26px" font-weight="700" line-height="1.3" color="#111827">Welcome, {{ contact.first_name | default: "there" }}!</mj-text>
        <mj-text padding="14px 32px 0">Thank you for joining {{ workspace.name }}. We write when we have something worth your time — no more than twice a month, and you can change that at any moment.</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="8px 0 8px">
      <mj-column>
        <mj-text padding="16px 32px 0" font-size="13px" font-weight="700" color="${brand}" letter-spacing="1px" text-transform="uppercase">What to expect</mj-text>
${step(1, 'A short guide, tomorrow', 'The five things our customers wish they had known on day one.')}
${step(2, 'Our monthly letter', 'Stories from the field, new products and the odd behind-the-scenes look.')}
${step(3, 'A real person, whenever you need one', 'Reply to any of our emails and someone from the team answers.')}
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="28px 0 36px" border-radius="0 0 10px 10px">
      <mj-column>
        <mj-button href="https://example.com/start" align="left" padding="0 32px">Start here</mj-button>
        <mj-text padding="28px 32px 0">Glad to have you with us,<br /><strong>The {{ workspace.name }} team</strong></mj-text>
      </mj-column>
    </mj-section>
${footer('You receive this email because you signed up at {{ workspace.name }}.')}
  </mj-body>
</mjml>
`,
  };
}

function productNews(assets: string): Starter {
  const brand = '#6d28d9';
  const feature = (title: string, body: string) => `
      <mj-column padding="0 12px">
        <mj-image src="${assets}/feature-teal.png" alt="" width="256px" border-radius="8px" />
        <mj-text padding="14px 0 0" font-size="17px" font-weight="700" color="#111827">${title}</mj-text>
        <mj-text padding="6px 0 16px" font-size="15px" color="#4b5563">${body}</mj-text>
      </mj-column>`;
  return {
    key: 'product-news',
    name: 'Product news',
    description: 'Announce something new: a big picture, what changed and why it matters, and where to get it.',
    subject: 'New from {{ workspace.name }}: meet the Series 2',
    preheader: 'Lighter, stronger, and ready to ship next week.',
    mjml: `<mjml>
${head('New from {{ workspace.name }}', brand)}
  <mj-body background-color="#f5f3ff" width="600px">
${viewOnline()}
    <mj-section background-color="#ffffff" padding="24px 0 0" border-radius="10px 10px 0 0">
      <mj-column>
        <mj-text font-size="14px" font-weight="700" color="${brand}">{{ workspace.name }}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="20px 0 0">
      <mj-column>
        <mj-text font-size="13px" font-weight="700" color="${brand}" letter-spacing="1px" text-transform="uppercase">Just launched</mj-text>
        <mj-text padding="6px 32px 0" font-size="30px" line-height="1.25" font-weight="800" color="#111827">The Series 2 is here</mj-text>
        <mj-text padding="12px 32px 24px" font-size="17px" color="#4b5563">{{ contact.first_name | default: "Hello" }}, you told us what you wanted from the next version. We listened: it is lighter, stronger and made to last.</mj-text>
        <mj-image src="${assets}/product-violet.png" alt="The Series 2" href="https://example.com/products/series-2" />
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="28px 20px 8px">
${feature('30% lighter', 'A new frame that weighs less and carries more.')}
${feature('Made to last', 'Five-year warranty, and every part can be replaced.')}
    </mj-section>
    <mj-section background-color="#ffffff" padding="0 20px 8px">
${feature('Ships in a week', 'Built to order close to you, delivered in days.')}
${feature('Same price', 'Everything new, at the price of the Series 1.')}
    </mj-section>
    <mj-section background-color="#ffffff" padding="12px 0 36px" border-radius="0 0 10px 10px">
      <mj-column>
        <mj-button href="https://example.com/products/series-2" padding="0 32px">See the Series 2</mj-button>
        <mj-text align="center" padding="16px 32px 0" font-size="14px" color="#6b7280">Questions about an order for {{ contact.company | default: "your team" }}? Reply to this email.</mj-text>
      </mj-column>
    </mj-section>
${footer('You receive this email because you are a customer of, or subscribed to news from, {{ workspace.name }}.')}
  </mj-body>
</mjml>
`,
  };
}

/** The starters, with picture URLs on this server (`publicUrl`). */
export function starters(publicUrl: string): Starter[] {
  const assets = `${publicUrl}/p/template-assets`;
  return [newsletter(assets), welcome(assets), productNews(assets)];
}

export function starterByKey(publicUrl: string, key: string): Starter | null {
  return starters(publicUrl).find((s) => s.key === key) ?? null;
}

export const STARTER_KEYS = ['newsletter', 'welcome', 'product-news'] as const;
