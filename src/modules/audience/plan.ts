// Plan and learn: the content calendar, webinars and the content performance report (routes and jobs in one place,
// so the audience index needs one line per list).
export { calendarRoutes } from './calendar/routes.ts';
export { reportRoutes } from './report/routes.ts';
export { webinarConfirmationJob } from './webinars/confirmation.ts';
export { webinarPublicRoutes } from './webinars/public-routes.ts';
export { webinarReminderJob } from './webinars/reminders.ts';
export { webinarRoutes } from './webinars/routes.ts';
