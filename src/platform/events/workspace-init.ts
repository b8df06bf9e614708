import type { Tx } from '../db/client.ts';

type Initializer = { name: string; run: (tx: Tx, workspaceId: string) => Promise<void> };
const initializers: Initializer[] = [];

/**
 * Modules seed a new workspace (default lifecycle stages, a deal pipeline…) inside the transaction that creates it,
 * so a workspace is never seen half-made. Unlike domain events these run synchronously, so they must be quick.
 */
export function onWorkspaceCreated(name: string, run: Initializer['run']): void {
  if (!initializers.some((i) => i.name === name)) initializers.push({ name, run });
}

export async function runWorkspaceInitializers(tx: Tx, workspaceId: string): Promise<void> {
  for (const i of initializers) await i.run(tx, workspaceId);
}
