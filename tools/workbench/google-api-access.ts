// What Google checks before a REST API answers a request made with the script's own token
// (ScriptApp.getOAuthToken()): that the API is enabled in the script's Cloud project, and that the token
// carries a scope the method accepts. The answering itself stays in google-apis.ts.
//
// - A disabled API answers 403 PERMISSION_DENIED, reason SERVICE_DISABLED, with Google's text "<API title>
//   has not been used in project <number> before or it is disabled. Enable it by visiting <url> then
//   retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems
//   and retry." (as quoted in https://github.com/googleapis/google-api-nodejs-client/issues/2873 and
//   https://github.com/google-gemini/gemini-cli/issues/1343). A standard Cloud project has the APIs someone
//   enabled; Apps Script's default project only those of the manifest's enabledAdvancedServices
//   (https://developers.google.com/apps-script/guides/cloud-platform-projects#default_cloud_platform_projects).
// - A token without a scope the method lists under "Authorization scopes" answers 403 PERMISSION_DENIED
//   "Request had insufficient authentication scopes." (reason insufficientPermissions).
import type { GoogleApiRequest, GoogleApiResponse } from './fakes/url-fetch';
import { grants, SCOPE } from './scopes';
import type { Manifest } from './scopes';

/** World field `cloudProject`: a standard project with these APIs on, or Google's default project. */
export interface CloudProject {
  /** APIs enabled in a standard project, by short name ("gmail", "calendar"). */
  apis?: string[];
  /** Apps Script's default project: only the manifest's enabledAdvancedServices are on. */
  default?: boolean;
  /** The project number Google's messages name. */
  number?: string;
}

/** A standard project set up as docs/deployment.md says. */
export const DEFAULT_CLOUD_PROJECT: CloudProject = { apis: ['gmail', 'calendar'] };
const DEFAULT_PROJECT_NUMBER = '104729000001';

interface GoogleApi {
  /** Short name, as in cloudProject.apis and the advanced service's serviceId. */
  name: string;
  service: string;
  title: string;
  matches: (url: URL) => boolean;
  /** Scopes any method of the API accepts unless `methods` lists the path's own. */
  scopes: readonly string[];
  methods?: Array<{ path: RegExp; method?: string; scopes: readonly string[] }>;
}

const GMAIL_LABELS_SCOPE = 'https://www.googleapis.com/auth/gmail.labels';

const GOOGLE_APIS: GoogleApi[] = [
  {
    name: 'calendar',
    service: 'calendar-json.googleapis.com',
    title: 'Google Calendar API',
    matches: (url) => url.host === 'www.googleapis.com' && url.pathname.startsWith('/calendar/'),
    // https://developers.google.com/calendar/api/v3/reference/events/list (Authorization scopes)
    scopes: [
      SCOPE.calendar,
      SCOPE.calendarReadonly,
      'https://www.googleapis.com/auth/calendar.events',
      'https://www.googleapis.com/auth/calendar.events.readonly',
    ],
    methods: [
      {
        // https://developers.google.com/calendar/api/v3/reference/calendars/get (Authorization scopes)
        path: /^\/calendar\/v3\/calendars\/[^/]+$/u,
        scopes: [
          SCOPE.calendar,
          SCOPE.calendarReadonly,
          'https://www.googleapis.com/auth/calendar.calendars',
          'https://www.googleapis.com/auth/calendar.calendars.readonly',
        ],
      },
      {
        // https://developers.google.com/calendar/api/v3/reference/freebusy/query
        path: /^\/calendar\/v3\/freeBusy$/u,
        scopes: [
          SCOPE.calendar,
          SCOPE.calendarReadonly,
          SCOPE.calendarEventsFreeBusy,
          SCOPE.calendarFreeBusy,
        ],
      },
    ],
  },
  {
    name: 'gmail',
    service: 'gmail.googleapis.com',
    title: 'Gmail API',
    matches: (url) => url.host === 'gmail.googleapis.com',
    // https://developers.google.com/gmail/api/reference/rest/v1/users.threads/list and .../users.threads/get
    scopes: [SCOPE.mail, SCOPE.gmailModify, SCOPE.gmailReadonly, SCOPE.gmailMetadata],
    methods: [
      {
        // https://developers.google.com/gmail/api/reference/rest/v1/users.labels/create
        path: /^\/gmail\/v1\/users\/me\/labels$/u,
        method: 'post',
        scopes: [SCOPE.mail, SCOPE.gmailModify, GMAIL_LABELS_SCOPE],
      },
      {
        // https://developers.google.com/gmail/api/reference/rest/v1/users.labels/list
        path: /^\/gmail\/v1\/users\/me\/labels$/u,
        scopes: [SCOPE.mail, SCOPE.gmailModify, SCOPE.gmailReadonly, GMAIL_LABELS_SCOPE, SCOPE.gmailMetadata],
      },
      {
        // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/batchModify
        path: /^\/gmail\/v1\/users\/me\/messages\/batchModify$/u,
        scopes: [SCOPE.mail, SCOPE.gmailModify],
      },
    ],
  },
];

function enabledApis(project: CloudProject, manifest: Manifest): string[] {
  if (project.default) {
    return (manifest.dependencies?.enabledAdvancedServices ?? []).map((s) => s.serviceId.toLowerCase());
  }
  return (project.apis ?? []).map((api) => api.toLowerCase());
}

/** Puts Google's project and scope checks in front of the answering handler. */
export function withGoogleAccessChecks(
  project: CloudProject,
  manifest: Manifest,
  answer: (request: GoogleApiRequest) => GoogleApiResponse,
): (request: GoogleApiRequest) => GoogleApiResponse {
  const number = project.number ?? DEFAULT_PROJECT_NUMBER;
  const enabled = enabledApis(project, manifest);
  return (request) => {
    const url = new URL(request.url);
    const api = GOOGLE_APIS.find((a) => a.matches(url));
    if (!api) return answer(request);
    if (!enabled.includes(api.name)) return serviceDisabled(api, number);
    const needed =
      api.methods?.find((m) => m.path.test(url.pathname) && (!m.method || m.method === request.method))
        ?.scopes ?? api.scopes;
    if (!grants(manifest, needed)) return insufficientScopes();
    return answer(request);
  };
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=UTF-8' };

function serviceDisabled(api: GoogleApi, project: string): GoogleApiResponse {
  const activationUrl = `https://console.developers.google.com/apis/api/${api.service}/overview?project=${project}`;
  const message =
    `${api.title} has not been used in project ${project} before or it is disabled. Enable it by visiting ` +
    `${activationUrl} then retry. If you enabled this API recently, wait a few minutes for the action to ` +
    'propagate to our systems and retry.';
  return {
    status: 403,
    headers: JSON_HEADERS,
    body: JSON.stringify({
      error: {
        code: 403,
        message,
        errors: [
          {
            message,
            domain: 'usageLimits',
            reason: 'accessNotConfigured',
            extendedHelp: 'https://console.developers.google.com',
          },
        ],
        status: 'PERMISSION_DENIED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'SERVICE_DISABLED',
            domain: 'googleapis.com',
            metadata: {
              service: api.service,
              serviceTitle: api.title,
              consumer: `projects/${project}`,
              containerInfo: project,
              activationUrl,
            },
          },
        ],
      },
    }),
  };
}

function insufficientScopes(): GoogleApiResponse {
  const message = 'Request had insufficient authentication scopes.';
  return {
    status: 403,
    headers: JSON_HEADERS,
    body: JSON.stringify({
      error: {
        code: 403,
        message,
        errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
        status: 'PERMISSION_DENIED',
      },
    }),
  };
}
