import { subscribe } from '../../../platform/events/outbox.ts';
import { openFlowTrigger } from '../../audience/index.ts';
import { moveOrdersOnMerge, onPurchaseRequestShipped } from './subscribers.ts';

/** The orders area's reactions, and the order events flows may start on (the others are built into flows). */
export function registerOrderSubscribers(): void {
  subscribe('purchase_request.shipped', onPurchaseRequestShipped);
  subscribe('contact.merged', moveOrdersOnMerge);
  for (const type of [
    'order.placed',
    'order.paid',
    'order.fulfilled',
    'order.shipped',
    'order.delivered',
    'order.cancelled',
    'order.refunded',
  ])
    openFlowTrigger(type);
}
