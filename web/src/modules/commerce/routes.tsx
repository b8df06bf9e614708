import type { ComponentType, ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';

/** The router's lazy-page helper (each page is its own chunk). */
export type PageLoader = <T extends Record<string, ComponentType>>(load: () => Promise<T>, name: keyof T) => ReactNode;

/**
 * The commerce pages, under /commerce. Each area (catalog and stock, orders, shipping, pickup points) keeps its
 * entries together; the navigation group lists the area's first page.
 */
export const commerceRoutes = (_page: PageLoader): RouteObject[] => [
  // catalog and stock
  // orders
  // shipping
  // pickup points
];
