// Campaigns (newsletters): what other areas and the audience index use.

export { campaignTickJob, sendCampaignJob } from './jobs.ts';
export { campaignPublicRoutes, registerViewRenderer, type ViewRenderer } from './public-routes.ts';
export { type Audience, countRecipients } from './recipients-sql.ts';
export { campaignReport } from './report.ts';
export { campaignRoutes } from './routes.ts';
export { campaigns } from './schema.ts';
export { runCampaignSend, type SendOptions, type SendOutcome } from './send-campaign.ts';
