import { describe, expect, it } from 'vitest';
import { checkGraph, type FlowGraph, nextStep, startStep } from './graph.ts';
import { FLOW_TEMPLATES } from './templates.ts';

const wait = (id: string) => ({
  id,
  type: 'wait' as const,
  config: { mode: 'duration' as const, amount: 1, unit: 'days' as const },
});
const tag = (id: string) => ({ id, type: 'add_tag' as const, config: { tag: 'x' } });

describe('flow graph checks', () => {
  it('accepts the ready-made flows and walks them', () => {
    for (const t of FLOW_TEMPLATES) expect(checkGraph(t.graph)).toEqual([]);
    const welcome = FLOW_TEMPLATES.find((t) => t.key === 'welcome')!.graph;
    expect(startStep(welcome)).toBe('welcome-1');
    expect(nextStep(welcome, 'clicked-2', 'yes')).toBe('tag-engaged');
    expect(nextStep(welcome, 'clicked-2', 'no')).toBe('welcome-3');
    expect(nextStep(welcome, 'welcome-3')).toBeNull();
  });

  it('names the step of each problem', () => {
    const g: FlowGraph = {
      nodes: [
        wait('a'),
        { id: 'b', name: 'Opened?', type: 'branch', config: { condition: { kind: 'email_opened', stepId: 'a' } } },
        tag('c'),
        tag('orphan'),
        { id: 'mail', type: 'send_email', config: { subject: '', mjml: '' } },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c', branch: 'yes' },
        { from: 'c', to: 'mail' },
      ],
    };
    const issues = checkGraph(g);
    const by = (id: string) => issues.filter((i) => i.stepId === id).map((i) => i.message);
    expect(by('b')).toEqual(
      expect.arrayContaining([
        'Step "Opened?" (b): has no "no" path',
        'Step "Opened?" (b): a is not a send-email step',
      ]),
    );
    expect(by('orphan')[0]).toMatch(/only one step may start the flow/);
    expect(by('mail')[0]).toMatch(/choose a template, or write a subject and a body/);
    expect(issues.every((i) => i.field.startsWith('graph'))).toBe(true);
  });

  it('refuses loops, joins, empty flows and a branch looking at a later email', () => {
    expect(checkGraph({ nodes: [], edges: [] })[0]?.message).toMatch(/add at least one step/);
    const loop = checkGraph({
      nodes: [tag('a'), tag('b'), tag('c')],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'b' },
      ],
    });
    expect(loop.some((i) => i.stepId === 'b' && /more than one step leads here/.test(i.message))).toBe(true);
    const later = checkGraph({
      nodes: [
        { id: 'br', type: 'branch', config: { condition: { kind: 'email_clicked', stepId: 'm' } } },
        { id: 'm', type: 'send_email', config: { subject: 'Hi', mjml: '<mjml><mj-body></mj-body></mjml>' } },
        { id: 'e', type: 'exit', config: {} },
      ],
      edges: [
        { from: 'br', to: 'm', branch: 'yes' },
        { from: 'br', to: 'e', branch: 'no' },
      ],
    });
    expect(later.map((i) => i.message)).toEqual(['Step br (branch): m does not come before this branch']);
  });
});
