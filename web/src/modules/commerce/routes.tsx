import type { ComponentType, ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';

/** The router's lazy-page helper (each page is its own chunk). */
export type PageLoader = <T extends Record<string, ComponentType>>(load: () => Promise<T>, name: keyof T) => ReactNode;

/**
 * The commerce pages, under /commerce. Each area (catalog and stock, orders, shipping, pickup points) keeps its
 * entries together; the navigation group lists the area's first page.
 */
export const commerceRoutes = (page: PageLoader): RouteObject[] => [
  // catalog and stock
  { path: 'commerce/products', element: page(() => import('./catalog/products-page.tsx'), 'ProductsPage') },
  { path: 'commerce/products/:id', element: page(() => import('./catalog/product-page.tsx'), 'ProductPage') },
  { path: 'commerce/stock', element: page(() => import('./stock/stock-page.tsx'), 'StockPage') },
  // orders
  { path: 'commerce/orders', element: page(() => import('./orders/orders-page.tsx'), 'OrdersPage') },
  { path: 'commerce/orders/:id', element: page(() => import('./orders/order-page.tsx'), 'OrderPage') },
  { path: 'commerce/pick-lists', element: page(() => import('./orders/pick-lists-page.tsx'), 'PickListsPage') },
  // order ingest (storefront webhooks, CSV imports)
  { path: 'commerce/storefronts', element: page(() => import('./ingest/storefronts-page.tsx'), 'StorefrontsPage') },
  // shipping
  { path: 'commerce/shipping', element: page(() => import('./shipping/shipping-page.tsx'), 'ShippingPage') },
  // pickup points
  {
    path: 'commerce/pickup-points',
    element: page(() => import('./pickup/pickup-points-page.tsx'), 'PickupPointsPage'),
  },
  {
    path: 'commerce/pickup-points/:id',
    element: page(() => import('./pickup/pickup-point-page.tsx'), 'PickupPointPage'),
  },
];
