import type { FlowGraph, FlowNode, StepType } from './types.ts';

// Pure edits of a flow's step tree, for the visual editor. The tree starts at the one step no edge enters; a branch
// has a "yes" and a "no" path.

export type Slot = { parent: string | null; branch?: 'yes' | 'no' | undefined };

export function startOf(g: FlowGraph): string | null {
  const entered = new Set(g.edges.map((e) => e.to));
  return g.nodes.find((n) => !entered.has(n.id))?.id ?? null;
}

export function childOf(g: FlowGraph, id: string, branch?: 'yes' | 'no'): string | null {
  return g.edges.find((e) => e.from === id && (branch ? e.branch === branch : !e.branch))?.to ?? null;
}

/** The send-email steps above a step (what a branch may look at). */
export function emailStepsBefore(g: FlowGraph, id: string): FlowNode[] {
  const parent = new Map(g.edges.map((e) => [e.to, e.from]));
  const out: FlowNode[] = [];
  for (let p = parent.get(id); p; p = parent.get(p)) {
    const n = g.nodes.find((x) => x.id === p);
    if (n?.type === 'send_email') out.push(n);
    if (out.length > 200) break;
  }
  return out.reverse();
}

function freshId(g: FlowGraph, type: StepType): string {
  const base = type.replace('_', '-');
  for (let i = 1; ; i++) if (!g.nodes.some((n) => n.id === `${base}-${i}`)) return `${base}-${i}`;
}

export function defaultNode(g: FlowGraph, type: StepType, at: Slot): FlowNode {
  const id = freshId(g, type);
  switch (type) {
    case 'send_email':
      return {
        id,
        type,
        config: {
          subject: '',
          mjml: '<mjml>\n  <mj-body>\n    <mj-section>\n      <mj-column>\n        <mj-text>Hello {{ contact.first_name }},</mj-text>\n      </mj-column>\n    </mj-section>\n  </mj-body>\n</mjml>',
        },
      };
    case 'wait':
      return { id, type, config: { mode: 'duration', amount: 1, unit: 'days' } };
    case 'branch': {
      const emails = at.parent ? emailStepsBefore(g, at.parent) : [];
      const parentNode = at.parent ? g.nodes.find((n) => n.id === at.parent) : undefined;
      const last = parentNode?.type === 'send_email' ? parentNode : emails[emails.length - 1];
      return {
        id,
        type,
        config: { condition: last ? { kind: 'email_opened', stepId: last.id } : { kind: 'has_tag', tag: '' } },
      };
    }
    case 'add_tag':
    case 'remove_tag':
      return { id, type, config: { tag: '' } };
    case 'set_field':
      return { id, type, config: { field: 'lifecycleStage', value: '' } };
    case 'create_task':
      return { id, type, config: { title: '', assignee: 'owner', dueInDays: 1 } };
    case 'notify':
      return { id, type, config: { userId: 'owner', subject: '', message: '' } };
    case 'webhook':
      return { id, type, config: { url: 'https://' } };
    case 'exit':
      return { id, type, config: {} };
  }
}

/**
 * Puts a new step in a slot (after `parent`, on a branch's path, or first). What followed the slot follows the new
 * step; for a new branch it goes on the "yes" path and the "no" path ends.
 */
export function insertStep(g: FlowGraph, at: Slot, node: FlowNode): FlowGraph {
  const edges = [...g.edges];
  let follower: string | null;
  if (at.parent === null) {
    follower = startOf(g);
  } else {
    const i = edges.findIndex((e) => e.from === at.parent && (at.branch ? e.branch === at.branch : !e.branch));
    follower = i >= 0 ? edges[i]!.to : null;
    if (i >= 0) edges.splice(i, 1);
    edges.push({ from: at.parent, to: node.id, ...(at.branch ? { branch: at.branch } : {}) });
  }
  const nodes = [...g.nodes, node];
  if (follower) {
    // An exit only ends a path: it is offered where nothing follows.
    if (node.type === 'exit') return g;
    edges.push({ from: node.id, to: follower, ...(node.type === 'branch' ? { branch: 'yes' as const } : {}) });
  }
  if (node.type === 'branch') {
    const end = { id: freshId({ nodes, edges }, 'exit'), type: 'exit' as const, config: {} };
    nodes.push(end);
    edges.push({ from: node.id, to: end.id, branch: 'no' });
    if (!follower) {
      const end2 = { id: freshId({ nodes, edges }, 'exit'), type: 'exit' as const, config: {} };
      nodes.push(end2);
      edges.push({ from: node.id, to: end2.id, branch: 'yes' });
    }
  }
  return { nodes, edges };
}

function descendants(g: FlowGraph, id: string): Set<string> {
  const out = new Set<string>([id]);
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop()!;
    for (const e of g.edges)
      if (e.from === cur && !out.has(e.to)) {
        out.add(e.to);
        stack.push(e.to);
      }
  }
  return out;
}

function removeSubtree(g: FlowGraph, id: string): FlowGraph {
  const gone = descendants(g, id);
  return {
    nodes: g.nodes.filter((n) => !gone.has(n.id)),
    edges: g.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)),
  };
}

/**
 * Removes a step. The step after it takes its place; a branch goes with both its paths (the editor asks first).
 */
export function removeStep(g: FlowGraph, id: string): FlowGraph {
  const node = g.nodes.find((n) => n.id === id);
  if (!node) return g;
  const incoming = g.edges.find((e) => e.to === id);
  if (node.type === 'branch') return removeSubtree(g, id);
  const next = childOf(g, id);
  const edges = g.edges.filter((e) => e.from !== id && e.to !== id);
  if (incoming && next)
    edges.push({ from: incoming.from, to: next, ...(incoming.branch ? { branch: incoming.branch } : {}) });
  return { nodes: g.nodes.filter((n) => n.id !== id), edges };
}

export function replaceNode(g: FlowGraph, node: FlowNode): FlowGraph {
  return { ...g, nodes: g.nodes.map((n) => (n.id === node.id ? node : n)) };
}

/** How many steps a removal takes with it (the step itself included). */
export function removalSize(g: FlowGraph, id: string): number {
  const node = g.nodes.find((n) => n.id === id);
  return node?.type === 'branch' ? descendants(g, id).size : 1;
}
