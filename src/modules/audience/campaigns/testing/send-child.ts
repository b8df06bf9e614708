// Test helper, run as a child process by campaigns.test.ts (never imported by the app): runs one campaign send against
// the test database, so the test can kill -9 it mid-send and resume in its own process.
import type { Config } from '../../../../platform/config.ts';
import { createDb } from '../../../../platform/db/client.ts';
import { setTestSecretKey } from '../../../../platform/testing-key.ts';
import { runCampaignSend } from '../send-campaign.ts';

type Args = {
  url: string;
  workspaceId: string;
  campaignId: string;
  dataDir: string;
  publicUrl: string;
  batchSize: number;
  concurrency: number;
};

const args = JSON.parse(process.env.CAMPAIGN_CHILD ?? '{}') as Args;
const config: Config = {
  port: 0,
  host: '127.0.0.1',
  databaseUrl: args.url,
  dataDir: args.dataDir,
  secretKey: undefined,
  smtpUrl: undefined,
  publicUrl: args.publicUrl,
  logLevel: 'silent',
  production: false,
  maxUploadBytes: 1024,
};
setTestSecretKey();
const db = createDb(args.url, 3);
const outcome = await runCampaignSend(db, config, args, { batchSize: args.batchSize, concurrency: args.concurrency });
process.stdout.write(`${outcome}\n`);
await db.$client.end();
process.exit(0);
