// Segments: what campaigns and flows use to pick contacts.
export { compileRules, segmentQuery } from './compile-rules.ts';
export type { TSegment } from './contracts.ts';
export { contactMatches, countSegment } from './evaluate.ts';
export { segmentRoutes } from './routes.ts';
export { type RuleGroup, type RuleNode, ZRuleGroup } from './rules.ts';
export { getSegment } from './segment-use-cases.ts';
export { validateRules } from './validate-rules.ts';
