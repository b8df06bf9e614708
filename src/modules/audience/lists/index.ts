// Lists: what other audience areas (forms, confirmation, preference centre, unsubscribe, campaigns, flows) use.
export type { TList } from './contracts.ts';
export { getList } from './list-use-cases.ts';
export {
  listsOfContact,
  type MembershipChange,
  removeMembership,
  type SetMembershipInput,
  setMembership,
} from './membership.ts';
export { listRoutes } from './routes.ts';
