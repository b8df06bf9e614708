import type { FlowGraph, FlowTrigger, ReentryRule } from './graph.ts';

// Ready-made flows to start from. Emails are inline (MJML + Liquid) so a template works in a workspace that has no
// saved templates yet; the copy is deliberately plain, for the business to rewrite in its own voice.

export type FlowTemplate = {
  key: string;
  name: string;
  description: string;
  trigger: FlowTrigger;
  graph: FlowGraph;
  reentry: ReentryRule;
  reentryDays: number | null;
};

const email = (heading: string, paragraphs: string[], button?: { label: string; url: string }) => `<mjml>
  <mj-body background-color="#f4f5f7">
    <mj-section background-color="#ffffff" padding="32px 24px">
      <mj-column>
        <mj-text font-size="22px" font-weight="700" line-height="1.3">${heading}</mj-text>
${paragraphs.map((p) => `        <mj-text font-size="15px" line-height="1.6">${p}</mj-text>`).join('\n')}
${button ? `        <mj-button href="${button.url}" background-color="#1c7ed6" align="left">${button.label}</mj-button>\n` : ''}      </mj-column>
    </mj-section>
    <mj-section padding="16px 24px">
      <mj-column>
        <mj-text font-size="12px" color="#868e96" line-height="1.5">{{ workspace.name }} · {{ workspace.address }}<br />
          <a href="{{ preferences_url }}" style="color:#868e96">Preferences</a> · <a href="{{ unsubscribe_url }}" style="color:#868e96">Unsubscribe</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

export const FLOW_TEMPLATES: FlowTemplate[] = [
  {
    key: 'welcome',
    name: 'Welcome sequence for new subscribers',
    description:
      'Greets every new subscriber at once, follows up after two days, and three days later tags those who clicked as engaged and sends the others one more nudge.',
    trigger: { type: 'list_subscribed', config: { listId: null } },
    reentry: 'once',
    reentryDays: null,
    graph: {
      nodes: [
        {
          id: 'welcome-1',
          type: 'send_email',
          name: 'Welcome email',
          config: {
            subject:
              'Welcome to {{ workspace.name }}{% if contact.first_name != "" %}, {{ contact.first_name }}{% endif %}',
            preheader: 'Thanks for subscribing — here is what to expect.',
            mjml: email('Welcome{% if contact.first_name != "" %}, {{ contact.first_name }}{% endif %}!', [
              'Thank you for subscribing to news from {{ workspace.name }}.',
              'Over the next few days we will send you a short introduction to who we are and what we do. After that you will hear from us only when we have something worth your time.',
            ]),
          },
        },
        { id: 'wait-1', type: 'wait', name: 'Wait 2 days', config: { mode: 'duration', amount: 2, unit: 'days' } },
        {
          id: 'welcome-2',
          type: 'send_email',
          name: 'Introduction',
          config: {
            subject: 'What {{ workspace.name }} can do for you',
            preheader: 'A short introduction.',
            mjml: email(
              'A short introduction',
              [
                'Hello {{ contact.first_name | default: "there" }},',
                'Here is what we do, for whom, and how our customers work with us. Take a look at the page below — it takes two minutes.',
              ],
              { label: 'See what we do', url: 'https://example.com/' },
            ),
          },
        },
        { id: 'wait-2', type: 'wait', name: 'Wait 3 days', config: { mode: 'duration', amount: 3, unit: 'days' } },
        {
          id: 'clicked-2',
          type: 'branch',
          name: 'Clicked the introduction?',
          config: { condition: { kind: 'email_clicked', stepId: 'welcome-2' } },
        },
        { id: 'tag-engaged', type: 'add_tag', name: 'Tag as engaged', config: { tag: 'engaged' } },
        {
          id: 'welcome-3',
          type: 'send_email',
          name: 'Second chance',
          config: {
            subject: 'Did you see this, {{ contact.first_name | default: "friend" }}?',
            preheader: 'One more thing before we leave you in peace.',
            mjml: email(
              'One more thing',
              [
                'Hello {{ contact.first_name | default: "there" }},',
                'A few days ago we sent you an introduction. In case it got buried, here it is again — and if you have a question, just reply to this email.',
              ],
              { label: 'Have a look', url: 'https://example.com/' },
            ),
          },
        },
      ],
      edges: [
        { from: 'welcome-1', to: 'wait-1' },
        { from: 'wait-1', to: 'welcome-2' },
        { from: 'welcome-2', to: 'wait-2' },
        { from: 'wait-2', to: 'clicked-2' },
        { from: 'clicked-2', to: 'tag-engaged', branch: 'yes' },
        { from: 'clicked-2', to: 'welcome-3', branch: 'no' },
      ],
    },
  },
  {
    key: 'lead_magnet',
    name: 'Lead-magnet follow-up',
    description:
      'A day after someone downloads your guide, sends related content; three days later, if they clicked, creates a follow-up task for the contact’s owner.',
    trigger: { type: 'form_submitted', config: { formId: null } },
    reentry: 'after',
    reentryDays: 30,
    graph: {
      nodes: [
        { id: 'wait-1', type: 'wait', name: 'Wait 1 day', config: { mode: 'duration', amount: 1, unit: 'days' } },
        {
          id: 'related',
          type: 'send_email',
          name: 'Related content',
          config: {
            subject: 'More on the topic of your download',
            preheader: 'A few more resources we think you will like.',
            mjml: email(
              'Enjoying the guide?',
              [
                'Hello {{ contact.first_name | default: "there" }},',
                'Yesterday you downloaded our guide. People who found it useful also read the articles below.',
              ],
              { label: 'Read more', url: 'https://example.com/' },
            ),
          },
        },
        { id: 'wait-2', type: 'wait', name: 'Wait 3 days', config: { mode: 'duration', amount: 3, unit: 'days' } },
        {
          id: 'clicked',
          type: 'branch',
          name: 'Clicked the related content?',
          config: { condition: { kind: 'email_clicked', stepId: 'related' } },
        },
        {
          id: 'task',
          type: 'create_task',
          name: 'Follow-up task for the owner',
          config: {
            title: 'Follow up: interested lead (clicked the lead-magnet follow-up)',
            notes: 'Downloaded the lead magnet and clicked the follow-up email. A good moment to get in touch.',
            assignee: 'owner',
            dueInDays: 1,
          },
        },
        { id: 'end', type: 'exit', name: 'End', config: {} },
      ],
      edges: [
        { from: 'wait-1', to: 'related' },
        { from: 'related', to: 'wait-2' },
        { from: 'wait-2', to: 'clicked' },
        { from: 'clicked', to: 'task', branch: 'yes' },
        { from: 'clicked', to: 'end', branch: 'no' },
      ],
    },
  },
];

export const flowTemplate = (key: string): FlowTemplate | undefined => FLOW_TEMPLATES.find((t) => t.key === key);
