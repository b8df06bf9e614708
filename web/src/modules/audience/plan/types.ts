// Payload types of /api/v1/calendar, /webinars and /audience-report (src/modules/audience/{calendar,webinars,report}),
// as the browser receives them: dates arrive as ISO strings.

export const CHANNELS = ['newsletter', 'blog', 'linkedin', 'webinar', 'video', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const STATUSES = ['idea', 'draft', 'scheduled', 'published'] as const;
export type Status = (typeof STATUSES)[number];

/** Mirrors calendar/status.ts: one step forward or back, published is final. */
export const NEXT_STATUS: Record<Status, Status[]> = {
  idea: ['draft'],
  draft: ['idea', 'scheduled'],
  scheduled: ['draft', 'published'],
  published: [],
};

export const CHANNEL_COLOR: Record<string, string> = {
  newsletter: 'blue',
  blog: 'grape',
  linkedin: 'indigo',
  webinar: 'teal',
  video: 'red',
  other: 'gray',
};

export type CalendarItem = {
  id: string;
  channel: Channel;
  status: Status;
  title: string;
  notes: string | null;
  ownerId: string | null;
  date: string | null;
  time: string | null;
  tags: string[];
  campaignId: string | null;
  webinarId: string | null;
  url: string | null;
  utmCampaign: string | null;
  figures: {
    campaign: { sent: number; opens: number; clicks: number } | null;
    webinar: { registrations: number; attended: number; noShows: number } | null;
    signups: number | null;
    signupWindow: { from: string; to: string } | null;
  };
  createdAt: string;
  updatedAt: string;
};

export type CalendarItemInput = Partial<Omit<CalendarItem, 'id' | 'figures' | 'createdAt' | 'updatedAt'>>;

export type Webinar = {
  id: string;
  title: string;
  description: string | null;
  startsAt: string;
  durationMinutes: number;
  joinUrl: string | null;
  slug: string;
  publicUrl: string;
  listId: string | null;
  consentText: string | null;
  reminderOffsets: number[];
  registrationOpen: boolean;
  tags: string[];
  counts: { registrations: number; attended: number; noShows: number };
  createdAt: string;
};

export type Registrant = {
  contactId: string;
  name: string;
  email: string | null;
  registeredAt: string;
  attended: boolean | null;
  minutesAttended: number | null;
  utmCampaign: string | null;
};

export type AttendanceImport = {
  id: string;
  fileName: string | null;
  rows: number;
  attended: number;
  noShows: number;
  unmatched: { line: number; email: string | null; reason: string; raw: string }[];
  columns: Record<string, string | null>;
  createdAt: string;
};

type Totals = {
  sent: number;
  opens: number;
  clicks: number;
  unsubscribes: number;
  signups: number;
  registrations: number;
  attended: number;
  openRate: number | null;
  clickRate: number | null;
  unsubscribeRate: number | null;
};
export type ReportGroup = Totals & { key: string; pieces: number };
export type ReportPiece = Totals & {
  kind: 'campaign' | 'item' | 'webinar';
  id: string;
  title: string;
  channel: string;
  tags: string[];
  at: string;
};
export type AudienceReport = {
  from: string;
  to: string;
  timezone: string;
  attributionDays: number;
  totals: Totals & { pieces: number };
  byChannel: ReportGroup[];
  byTag: ReportGroup[];
  pieces: ReportPiece[];
};

export const planKeys = {
  calendar: ['calendar'] as const,
  webinars: ['webinars'] as const,
  webinar: (id: string) => ['webinars', 'one', id] as const,
  report: ['audience-report'] as const,
};

// Day arithmetic on 'YYYY-MM-DD' strings, done in UTC so no local zone shifts a day.
export const parseDay = (s: string) => new Date(`${s}T00:00:00Z`);
export const dayString = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (s: string, n: number) => dayString(new Date(parseDay(s).getTime() + n * 86_400_000));
/** Monday of the week of `s`. */
export const weekStart = (s: string) => addDays(s, -((parseDay(s).getUTCDay() + 6) % 7));
export const monthStart = (s: string) => `${s.slice(0, 7)}-01`;
export const addMonths = (s: string, n: number) => {
  const d = parseDay(monthStart(s));
  d.setUTCMonth(d.getUTCMonth() + n);
  return dayString(d);
};
/** Today in a time zone (the workspace's), as YYYY-MM-DD. */
export function today(timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date());
}
