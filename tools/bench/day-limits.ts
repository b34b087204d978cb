// The daily quotas a team's working day is measured against, each with the page that states it and the
// tier it applies to. Google's figures are from the Apps Script quotas page (per user, reset 24 h after the
// first request); HubSpot's from its usage guidelines and the changelog that raised them (per account:
// every private app and every rep's token share them). docs/performance.md cites the same pages.

export const GOOGLE_QUOTAS = 'https://developers.google.com/apps-script/guides/services/quotas';
const HUBSPOT_GUIDELINES = 'https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines';
const HUBSPOT_INCREASE = 'https://developers.hubspot.com/changelog/increasing-our-api-limits';

/**
 * 'user': each user's own allowance (Apps Script counts per user), so it grows with a user's own work, not
 * with the team; 'account': one allowance the whole team shares (HubSpot counts per account).
 */
export type QuotaScope = 'user' | 'account';

export type QuotaName =
  'triggerRuntime' | 'urlFetch' | 'properties' | 'gmail' | 'calendarEvents' | 'hubspotDaily' | 'hubspotBurst';

export interface QuotaLimit {
  name: QuotaName;
  label: string;
  limit: number;
  unit: string;
  scope: QuotaScope;
  /** The tier the limit is for, and why that tier. */
  tier: string;
  /** The same quota on the other tier, for the reader. */
  otherTier: string;
  source: string;
}

/**
 * Prospector is installed for a Google Workspace domain (docs/deployment.md), so Google's Workspace column
 * applies; the consumer figure is kept beside it. HubSpot's Free/Starter figures are the lowest any account
 * with a private app gets, so a team on a higher tier has more room than shown.
 */
export const QUOTA_LIMITS: readonly QuotaLimit[] = [
  {
    name: 'triggerRuntime',
    label: 'trigger runtime per user per day',
    limit: 6 * 3600,
    unit: 's',
    scope: 'user',
    tier: 'Google Workspace account: 6 h / day (the add-on is installed for a Workspace domain)',
    otherTier: 'consumer (gmail.com): 90 min / day',
    source: GOOGLE_QUOTAS,
  },
  {
    name: 'urlFetch',
    label: 'URL Fetch calls per user per day',
    limit: 100_000,
    unit: 'calls',
    scope: 'user',
    tier: 'Google Workspace account: 100,000 / day',
    otherTier: 'consumer: 20,000 / day',
    source: GOOGLE_QUOTAS,
  },
  {
    name: 'properties',
    label: 'Properties reads and writes per user per day',
    limit: 500_000,
    unit: 'calls',
    scope: 'user',
    tier: 'Google Workspace account: 500,000 / day',
    otherTier: 'consumer: 50,000 / day',
    source: GOOGLE_QUOTAS,
  },
  {
    name: 'gmail',
    label: 'Gmail reads and writes (excluding send) per user per day',
    limit: 50_000,
    unit: 'calls',
    scope: 'user',
    tier: 'Google Workspace account: 50,000 / day',
    otherTier: 'consumer: 20,000 / day',
    source: GOOGLE_QUOTAS,
  },
  {
    name: 'calendarEvents',
    label: 'Calendar events created per user per day',
    limit: 10_000,
    unit: 'events',
    scope: 'user',
    tier: 'Google Workspace account: 10,000 / day',
    otherTier: 'consumer: 5,000 / day',
    source: GOOGLE_QUOTAS,
  },
  {
    name: 'hubspotDaily',
    label: 'HubSpot requests per day (the account)',
    limit: 250_000,
    unit: 'requests',
    scope: 'account',
    tier: 'HubSpot Free/Starter private app: 250,000 / day (the lowest tier)',
    otherTier: 'Professional 650,000; Enterprise 1,000,000',
    source: `${HUBSPOT_GUIDELINES}; ${HUBSPOT_INCREASE}`,
  },
  {
    name: 'hubspotBurst',
    label: 'HubSpot requests per 10 s at the peak (the account)',
    limit: 100,
    unit: 'requests / 10 s',
    scope: 'account',
    tier: 'HubSpot Free/Starter private app: 100 / 10 s (the lowest tier)',
    otherTier: 'Professional and Enterprise 190 / 10 s; API limit increase pack 250',
    source: `${HUBSPOT_GUIDELINES}; ${HUBSPOT_INCREASE}`,
  },
];
