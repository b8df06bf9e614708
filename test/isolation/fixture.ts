import type { FastifyInstance } from 'fastify';

/**
 * One area's part of the tenant-isolation sweep (test/isolation/tenant-isolation.test.ts). Each file in
 * test/isolation/fixtures/ default-exports one of these; the sweep loads them all, so a new area adds its own file
 * instead of growing the shared test.
 */
export type Ids = Record<string, string>;
export type Call = { method: string; url: string; payload?: unknown };

export type SeedContext = {
  app: FastifyInstance;
  /** Workspace A's records so far (contactId, companyId, listId, … and the workspace's id); add yours to it. */
  ids: Ids;
  /** Calls as workspace A; throws on a status ≥ 300; returns the JSON body ({} for 204). */
  // biome-ignore lint/suspicious/noExplicitAny: seeding reads whatever each route answers; the sweep checks the shapes.
  ok: (c: Call) => Promise<any>;
  workspaceId: string;
};

export type IsolationFixture = {
  /** The third path segment of a route (`/api/v1/<resource>/{id}`) → which id of A stands in for its `{id}`. */
  resources?: Record<string, string>;
  /** A named path parameter (`{variantId}`) → which id of A stands in for it. */
  params?: Record<string, string>;
  /** Request bodies that pass validation (so the call reaches the workspace check), by `METHOD /path`. */
  bodies?: (a: Ids) => Record<string, unknown>;
  /** Creates one of each of this area's records in workspace A (after the CRM and audience ones exist). */
  seed: (ctx: SeedContext) => Promise<void>;
  /** Strings only A's data contains: none may appear in any answer B gets. */
  markers: string[];
  /** GET URLs whose answers must be byte-identical before and after B's sweep. */
  snapshotUrls: (a: Ids) => string[];
};
