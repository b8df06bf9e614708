/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { outboxTransport } from '../../src/platform/mail/outbox-transport.ts';
import { signUpWorkspace, testApp } from '../../src/platform/testing.ts';
import type { Call, Ids, IsolationFixture } from './fixture.ts';

/**
 * The tenant-isolation sweep. Every route of the OpenAPI document is called with a second workspace's session AND
 * API key, with path parameters (and body references) pointing at the first workspace's records. Nothing of the
 * first workspace may appear in any answer, and the first workspace's data must be unchanged afterwards. A route
 * that this file does not know how to call fails the test, so a new route cannot skip the sweep.
 */

// Each area beyond the CRM and audience brings its part of the sweep as a file in ./fixtures/.
const fixtures = Object.values(
  import.meta.glob<IsolationFixture>('./fixtures/*.ts', { eager: true, import: 'default' }),
);

/** Routes that are meant to work without a workspace (or act only on the caller's own account). */
const PUBLIC_OR_SELF = new Set([
  'GET /api/health',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/sign-out',
  'GET /api/v1/me',
  'POST /api/v1/invitations/accept',
]);

/** Which of workspace A's records stands in for a path parameter, by the route's resource. */
function paramFor(path: string, param: string, a: Ids): string {
  for (const f of fixtures) {
    const key = f.params?.[param];
    if (key && a[key]) return a[key];
  }
  if (param === 'userId') return a.userId!;
  if (param === 'stageId') return a.stageId!;
  if (param === 'contactId') return a.contactId!;
  if (param === 'enrolmentId') return a.enrolmentId!;
  if (param === 'email') return encodeURIComponent(a.suppressedEmail!);
  const resource = path.split('/')[3] ?? '';
  const byResource: Record<string, string | undefined> = {
    contacts: a.contactId,
    companies: a.companyId,
    'custom-fields': a.fieldId,
    'api-keys': a.apiKeyId,
    tasks: a.taskId,
    deals: a.dealId,
    pipelines: a.pipelineId,
    views: a.viewId,
    imports: a.importId,
    'import-mappings': a.mappingId,
    invitations: a.invitationId,
    outbox: a.outboxId,
    lists: a.listId,
    segments: a.segmentId,
    templates: a.templateId,
    'sending-accounts': a.senderId,
    forms: a.formId,
    'lead-magnets': a.magnetId,
    campaigns: a.campaignId,
    flows: a.flowId,
    calendar: a.calendarItemId,
    webinars: a.webinarId,
  };
  for (const f of fixtures) for (const [r, key] of Object.entries(f.resources ?? {})) byResource[r] = a[key];
  const v = byResource[resource];
  if (!v) throw new Error(`The isolation sweep does not know which record to use for {${param}} in ${path}: add it.`);
  return v;
}

/** Bodies that pass validation, so the request reaches the workspace check; references point at A's records. */
function bodyFor(key: string, a: Ids): unknown {
  const M = '<mjml><mj-body><mj-section><mj-column><mj-text>B</mj-text></mj-column></mj-section></mj-body></mjml>';
  const onAList = { op: 'and', rules: [{ kind: 'list', op: 'subscribed', listId: a.listId }] };
  const bodies: Record<string, unknown> = {
    'POST /api/v1/contacts': { name: 'B person', companyId: a.companyId },
    'PATCH /api/v1/contacts/{id}': { title: 'changed by B' },
    'POST /api/v1/contacts/{id}/notes': { body: 'note by B' },
    'POST /api/v1/contacts/{id}/activities': { kind: 'call', outcome: 'reached' },
    'POST /api/v1/contacts/{id}/consent': { channel: 'email', status: 'unsubscribed' },
    'POST /api/v1/contacts/{id}/merge': { otherId: a.contactId2 },
    'POST /api/v1/contacts/{id}/unmerge': { otherId: a.contactId2 },
    'POST /api/v1/companies': { name: 'B company' },
    'PATCH /api/v1/companies/{id}': { name: 'changed by B' },
    'POST /api/v1/companies/{id}/notes': { body: 'note by B' },
    'POST /api/v1/custom-fields': { entity: 'contact', label: 'B field', type: 'text' },
    'PATCH /api/v1/custom-fields/{id}': { label: 'changed by B' },
    'PUT /api/v1/lifecycle-stages': { stages: [{ key: 'only', label: 'Only' }] },
    'POST /api/v1/me/workspace': { workspaceId: a.workspaceId },
    'POST /api/v1/workspaces': { name: 'B second' },
    'PATCH /api/v1/workspace': { name: 'renamed by B' },
    'PATCH /api/v1/members/{userId}': { role: 'member' },
    'POST /api/v1/invitations': { email: 'someone@example.com', role: 'member' },
    'POST /api/v1/api-keys': { name: 'B key' },
    'POST /api/v1/tasks': { title: 'B task', contactId: a.contactId },
    'PATCH /api/v1/tasks/{id}': { title: 'changed by B' },
    'POST /api/v1/deals': { title: 'B deal', pipelineId: a.pipelineId, stageId: a.stageId, contactId: a.contactId },
    'PATCH /api/v1/deals/{id}': { title: 'changed by B' },
    'PATCH /api/v1/deals/{id}/move': { stageId: a.stageId },
    'POST /api/v1/pipelines': { name: 'B pipeline', stages: [{ name: 'One', kind: 'open' }] },
    'PATCH /api/v1/pipelines/{id}': { name: 'changed by B' },
    'POST /api/v1/views': { entity: 'contact', name: 'B view', query: {} },
    'PATCH /api/v1/views/{id}': { name: 'changed by B' },
    'POST /api/v1/imports/{id}/start': { mapping: {}, dedupe: 'skip' },
    'POST /api/v1/import-mappings': { name: 'B mapping', entity: 'contact', mapping: { email: 'email' } },
    'PATCH /api/v1/imports/{id}': { delimiter: ';' },
    'POST /api/v1/pipelines/{id}/stages': { name: 'B stage', kind: 'open' },
    'PUT /api/v1/pipelines/{id}/stages/order': { stageIds: [a.stageId] },
    'PATCH /api/v1/pipelines/{id}/stages/{stageId}': { name: 'renamed by B' },
    // Audience
    'POST /api/v1/lists': { name: 'B list' },
    'PATCH /api/v1/lists/{id}': { name: 'changed by B' },
    'POST /api/v1/lists/{id}/members': { contactIds: [a.contactId], consent: { note: 'added by B' } },
    'POST /api/v1/lists/{id}/members/{contactId}/unsubscribe': { reason: 'by B' },
    'POST /api/v1/segments': { name: 'B segment', rules: onAList },
    'PATCH /api/v1/segments/{id}': { name: 'changed by B' },
    'POST /api/v1/segments/preview': { rules: onAList },
    'POST /api/v1/events': { contactId: a.contactId, type: 'b.event' },
    'POST /api/v1/templates': { name: 'B template', subject: 's', mjml: M },
    'PATCH /api/v1/templates/{id}': { name: 'changed by B' },
    'POST /api/v1/templates/preview': { subject: 's', mjml: M, contactId: a.contactId },
    'POST /api/v1/templates/test-send': {
      subject: 's',
      mjml: M,
      emails: ['b-test@example.com'],
      contactId: a.contactId,
    },
    'POST /api/v1/templates/{id}/preview': { contactId: a.contactId },
    'POST /api/v1/templates/{id}/test-send': { emails: ['b-test@example.com'] },
    'POST /api/v1/sending-accounts': { name: 'B sender', fromEmail: 'b@b.example' },
    'PATCH /api/v1/sending-accounts/{id}': { name: 'changed by B' },
    'POST /api/v1/forms': { name: 'B form', listIds: [a.listId], leadMagnetId: a.magnetId },
    'PATCH /api/v1/forms/{id}': { name: 'changed by B' },
    'PATCH /api/v1/lead-magnets/{id}': { name: 'changed by B' },
    'POST /api/v1/campaigns': { name: 'B campaign', listIds: [a.listId] },
    'PATCH /api/v1/campaigns/{id}': { subject: 'changed by B' },
    'POST /api/v1/campaigns/{id}/test': { emails: ['b-test@example.com'] },
    'POST /api/v1/campaigns/estimate': { listIds: [a.listId] },
    'POST /api/v1/flows': {
      name: 'B flow',
      trigger: { type: 'list_subscribed', config: { listId: a.listId } },
      graph: { nodes: [{ id: 'end', type: 'exit', config: {} }], edges: [] },
    },
    'PATCH /api/v1/flows/{id}': { name: 'changed by B' },
    'POST /api/v1/flows/{id}/enrolments': { contactId: a.contactId },
    'POST /api/v1/calendar': { channel: 'newsletter', title: 'Sweep', webinarId: a.webinarId },
    'PATCH /api/v1/calendar/{id}': { title: 'changed by B' },
    'POST /api/v1/webinars': { title: 'Sweep', startsAt: '2030-01-01T10:00:00Z', listId: a.listId },
    'PATCH /api/v1/webinars/{id}': { title: 'changed by B' },
    'POST /api/v1/suppressions': { email: 'iso-b@example.com', detail: 'sweep' },
    'PUT /api/v1/bounce-mailbox': {
      // Loopback's discard port: a connection test fails at once instead of waiting on DNS or a firewall.
      host: '127.0.0.1',
      port: 9,
      secure: false,
      username: 'b@example.com',
      password: 'x',
    },
    'PUT /api/v1/deliverability/webhooks': { sesVerifySignature: true },
  };
  for (const f of fixtures) Object.assign(bodies, f.bodies?.(a));
  return bodies[key];
}

describe('tenant isolation: every route, with another workspace’s session and API key', async () => {
  const { app } = await testApp();
  const A = await signUpWorkspace(app, 'Workspace A');
  const B = await signUpWorkspace(app, 'Workspace B');
  const asA = { cookie: A.cookie };
  const secret = 'secret-a-7f3@example.com';

  const call = async (headers: Record<string, string>, c: Call) =>
    app.inject({
      method: c.method as 'GET',
      url: c.url,
      headers,
      ...(c.payload !== undefined ? { payload: c.payload as object } : {}),
    });
  const ok = async (c: Call) => {
    const r = await call(asA, c);
    if (r.statusCode >= 300) throw new Error(`seeding ${c.method} ${c.url} failed: ${r.statusCode} ${r.body}`);
    return r.statusCode === 204 ? {} : r.json();
  };

  // Seed one of everything in A.
  const a: Ids = { workspaceId: A.workspaceId };
  a.userId = (await ok({ method: 'GET', url: '/api/v1/me' })).user.id;
  a.companyId = (await ok({ method: 'POST', url: '/api/v1/companies', payload: { name: 'Secret A Company' } })).id;
  a.contactId = (
    await ok({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { name: 'Secret Person', emails: [secret], companyId: a.companyId },
    })
  ).id;
  a.contactId2 = (
    await ok({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { name: 'Secret Second', emails: ['second-a@example.com'] },
    })
  ).id;
  await ok({ method: 'POST', url: `/api/v1/contacts/${a.contactId}/notes`, payload: { body: 'secret note of A' } });
  a.fieldId = (
    await ok({
      method: 'POST',
      url: '/api/v1/custom-fields',
      payload: { entity: 'contact', label: 'Secret field', type: 'text' },
    })
  ).id;
  a.apiKeyId = (await ok({ method: 'GET', url: '/api/v1/api-keys' })).data[0].id;
  a.invitationId = (
    await ok({
      method: 'POST',
      url: '/api/v1/invitations',
      payload: { email: 'invitee-a@example.com', role: 'member' },
    })
  ).id;
  const seed = async (key: string, fn: () => Promise<string>) => {
    a[key] = await fn();
  };
  await seed(
    'taskId',
    async () =>
      (await ok({ method: 'POST', url: '/api/v1/tasks', payload: { title: 'Secret task', contactId: a.contactId } }))
        .id,
  );
  await seed('pipelineId', async () => (await ok({ method: 'GET', url: '/api/v1/pipelines' })).data[0].id);
  await seed('stageId', async () => (await ok({ method: 'GET', url: '/api/v1/pipelines' })).data[0].stages[0].id);
  await seed(
    'dealId',
    async () =>
      (
        await ok({
          method: 'POST',
          url: '/api/v1/deals',
          payload: { title: 'Secret deal', pipelineId: a.pipelineId, stageId: a.stageId, contactId: a.contactId },
        })
      ).id,
  );
  await seed(
    'viewId',
    async () =>
      (
        await ok({
          method: 'POST',
          url: '/api/v1/views',
          payload: { entity: 'contact', name: 'Secret view', query: {} },
        })
      ).id,
  );
  await seed(
    'mappingId',
    async () =>
      (
        await ok({
          method: 'POST',
          url: '/api/v1/import-mappings',
          payload: { name: 'Secret mapping', entity: 'contact', mapping: { email: 'email' } },
        })
      ).id,
  );
  await seed('importId', async () => {
    const boundary = 'x-isolation';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="entity"',
      '',
      'contact',
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="a.csv"',
      'Content-Type: text/csv',
      '',
      'name,email',
      `Secret Import,import-a@example.com`,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...asA, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    if (r.statusCode >= 300) throw new Error(r.body);
    return r.json().id;
  });

  // Audience: one of everything, through the API as a user would.
  const multipart = (fields: Record<string, string>, file: { name: string; type: string; body: string }) => {
    const boundary = 'x-isolation-2';
    const parts = Object.entries(fields).flatMap(([k, v]) => [
      `--${boundary}`,
      `Content-Disposition: form-data; name="${k}"`,
      '',
      v,
    ]);
    const body = [
      ...parts,
      `--${boundary}`,
      `Content-Disposition: form-data; name="file"; filename="${file.name}"`,
      `Content-Type: ${file.type}`,
      '',
      file.body,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    return { body, type: `multipart/form-data; boundary=${boundary}` };
  };
  a.listId = (await ok({ method: 'POST', url: '/api/v1/lists', payload: { name: 'Secret list' } })).id;
  await ok({
    method: 'POST',
    url: `/api/v1/lists/${a.listId}/members`,
    payload: { contactIds: [a.contactId], consent: { note: 'seeded for the sweep' } },
  });
  a.segmentId = (
    await ok({
      method: 'POST',
      url: '/api/v1/segments',
      payload: {
        name: 'Secret segment',
        rules: { op: 'and', rules: [{ kind: 'list', op: 'subscribed', listId: a.listId }] },
      },
    })
  ).id;
  await ok({
    method: 'POST',
    url: '/api/v1/events',
    payload: { contactId: a.contactId, type: 'secret.event', properties: { note: 'Secret event prop' } },
  });
  a.templateId = (
    await ok({
      method: 'POST',
      url: '/api/v1/templates',
      payload: { fromStarter: 'newsletter', name: 'Secret template' },
    })
  ).id;
  a.senderId = (
    await ok({
      method: 'POST',
      url: '/api/v1/sending-accounts',
      payload: {
        name: 'Secret sender',
        fromEmail: 'secret-sender@a.example',
        smtpUrl: 'smtp://user:secretpw@127.0.0.1:9',
      },
    })
  ).id;
  a.magnetId = await (async () => {
    const m = multipart(
      { name: 'Secret magnet' },
      { name: 'secret.pdf', type: 'application/pdf', body: '%PDF secret' },
    );
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/lead-magnets',
      headers: { ...asA, 'content-type': m.type },
      payload: m.body,
    });
    if (r.statusCode >= 300) throw new Error(`seeding the lead magnet failed: ${r.body}`);
    return r.json().id as string;
  })();
  const form = await ok({
    method: 'POST',
    url: '/api/v1/forms',
    payload: { name: 'Secret form', listIds: [a.listId], leadMagnetId: a.magnetId },
  });
  a.formId = form.id;
  const submitted = await app.inject({
    method: 'POST',
    url: `/p/f/${form.publicId}`,
    headers: { 'content-type': 'application/json' },
    payload: { email: 'form-a@example.com' },
  });
  if (submitted.statusCode !== 200) throw new Error(`form submission failed: ${submitted.body}`);
  a.campaignId = (await ok({ method: 'POST', url: '/api/v1/campaigns', payload: { name: 'Secret campaign' } })).id;
  a.flowId = (
    await ok({
      method: 'POST',
      url: '/api/v1/flows',
      payload: {
        name: 'Secret flow',
        trigger: { type: 'manual', config: {} },
        graph: { nodes: [{ id: 'w', type: 'wait', config: { mode: 'duration', amount: 1, unit: 'days' } }], edges: [] },
        activate: true,
      },
    })
  ).id;
  a.enrolmentId = (
    await ok({ method: 'POST', url: `/api/v1/flows/${a.flowId}/enrolments`, payload: { contactId: a.contactId } })
  ).id;
  a.calendarItemId = (
    await ok({ method: 'POST', url: '/api/v1/calendar', payload: { channel: 'blog', title: 'Secret calendar item' } })
  ).id;
  a.webinarId = (
    await ok({
      method: 'POST',
      url: '/api/v1/webinars',
      payload: { title: 'Secret webinar', startsAt: '2030-01-01T10:00:00Z' },
    })
  ).id;
  a.suppressedEmail = 'iso-a@example.com';
  await ok({ method: 'POST', url: '/api/v1/suppressions', payload: { email: a.suppressedEmail } });
  await ok({
    method: 'PUT',
    url: '/api/v1/bounce-mailbox',
    payload: { host: '127.0.0.1', port: 9, secure: false, username: 'secret-mailbox@a.example', password: 'secretpw' },
  });
  // A's sender points at a closed port, so the outbox row is written as the outbox transport would.
  await outboxTransport(app.deps.db).send({
    workspaceId: A.workspaceId,
    messageId: 'secret-message@a.example',
    from: { email: 'secret-sender@a.example' },
    to: secret,
    subject: 'Secret outbox subject',
    html: '<p>Secret outbox body</p>',
    text: 'Secret outbox body',
    headers: {},
  });
  a.outboxId = (await ok({ method: 'GET', url: '/api/v1/outbox' })).data[0].id;
  for (const f of fixtures) await f.seed({ app, ids: a, ok, workspaceId: A.workspaceId });

  const snapshot = async () => {
    const urls = [
      '/api/v1/contacts?limit=500',
      `/api/v1/contacts/${a.contactId}`,
      `/api/v1/contacts/${a.contactId}/timeline`,
      `/api/v1/contacts/${a.contactId}/consent`,
      `/api/v1/companies/${a.companyId}`,
      '/api/v1/custom-fields',
      '/api/v1/lifecycle-stages',
      '/api/v1/members',
      '/api/v1/workspace',
      '/api/v1/api-keys',
      '/api/v1/invitations',
      ...(a.taskId ? [`/api/v1/tasks/${a.taskId}`] : []),
      ...(a.dealId ? [`/api/v1/deals/${a.dealId}`] : []),
      ...(a.pipelineId ? ['/api/v1/pipelines'] : []),
      ...(a.viewId ? ['/api/v1/views?entity=contact'] : []),
      `/api/v1/lists/${a.listId}`,
      `/api/v1/lists/${a.listId}/members`,
      `/api/v1/segments/${a.segmentId}`,
      `/api/v1/templates/${a.templateId}`,
      '/api/v1/sending-accounts',
      `/api/v1/forms/${a.formId}`,
      `/api/v1/forms/${a.formId}/submissions`,
      `/api/v1/lead-magnets/${a.magnetId}`,
      `/api/v1/campaigns/${a.campaignId}`,
      `/api/v1/flows/${a.flowId}`,
      `/api/v1/flows/${a.flowId}/enrolments`,
      `/api/v1/calendar/${a.calendarItemId}`,
      `/api/v1/webinars/${a.webinarId}`,
      '/api/v1/suppressions',
      '/api/v1/bounce-mailbox',
      '/api/v1/deliverability/webhooks',
      `/api/v1/outbox/${a.outboxId}`,
      ...fixtures.flatMap((f) => f.snapshotUrls(a)),
    ];
    const out: Record<string, string> = {};
    for (const u of urls) out[u] = (await call(asA, { method: 'GET', url: u })).body;
    return out;
  };
  const before = await snapshot();
  const aIds = Object.entries(a)
    .filter(([k]) => k !== 'userId' || true)
    .map(([, v]) => v);
  const markers = [
    ...aIds,
    secret,
    'Secret Person',
    'Secret A Company',
    'secret note of A',
    'Secret field',
    'Secret task',
    'Secret deal',
    'Secret view',
    'Secret mapping',
    'invitee-a@example.com',
    'Secret list',
    'Secret segment',
    'secret.event',
    'Secret event prop',
    'Secret template',
    'Secret sender',
    'secretpw',
    'secret-sender@a.example',
    'Secret magnet',
    'secret.pdf',
    'Secret form',
    'form-a@example.com',
    'Secret campaign',
    'Secret flow',
    'Secret calendar item',
    'Secret webinar',
    'iso-a@example.com',
    'secret-mailbox@a.example',
    'Secret outbox',
    ...fixtures.flatMap((f) => f.markers),
  ];

  const spec = (await app.inject({ url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const routes = Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path })),
  );

  it('knows how to call every route in the API', () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      for (const p of r.path.match(/\{(\w+)\}/g) ?? []) paramFor(r.path, p.slice(1, -1), a);
    }
  });

  for (const who of ['session', 'API key'] as const) {
    it(`leaks and changes nothing of A through B's ${who}`, async () => {
      const headers = who === 'session' ? { cookie: B.cookie } : B.bearer;
      // Deletions run last so they cannot hide a leak in another route.
      const ordered = [...routes].sort((x, y) => Number(x.method === 'DELETE') - Number(y.method === 'DELETE'));
      for (const r of ordered) {
        const key = `${r.method} ${r.path}`;
        if (PUBLIC_OR_SELF.has(key)) continue;
        const url = r.path.replace(/\{(\w+)\}/g, (_, p: string) => paramFor(r.path, p, a));
        const payload = r.method === 'GET' || r.method === 'DELETE' ? undefined : (bodyFor(key, a) ?? {});
        const res = await call(headers, { method: r.method, url, payload });
        // A problem's `instance` echoes the caller's own URL; that is not a leak.
        const body = res.body.replaceAll(url, '');
        const leaked = markers.filter((m) => body.includes(m));
        expect({ route: key, status: res.statusCode, leaked }).toEqual({
          route: key,
          status: res.statusCode,
          leaked: [],
        });
        if (r.path.includes('{'))
          expect({ route: key, status: res.statusCode < 400 }).toEqual({ route: key, status: false });
      }
    });
  }

  it("leaves A's data exactly as it was", async () => {
    expect(await snapshot()).toEqual(before);
    const me = (await call(asA, { method: 'GET', url: '/api/v1/me' })).json();
    expect(me.activeWorkspaceId).toBe(A.workspaceId);
  });
});
