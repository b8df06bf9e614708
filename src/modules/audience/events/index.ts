// Custom contact events: what other modules (webinars, later orders) use to record facts segments and flows read.
export { type ContactEventInput, recordContactEvent } from './record-contact-event.ts';
export { eventRoutes } from './routes.ts';
