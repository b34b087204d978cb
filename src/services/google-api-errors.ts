// Google's answer when a REST API is off in the script's Cloud project: 403 with an ErrorInfo of reason
// SERVICE_DISABLED that names the API and the page that enables it. Apps Script's default project has only
// the advanced services' APIs on, so a deployment that skipped docs/deployment.md's Cloud project step
// lands here. https://cloud.google.com/apis/design/errors#error_info
import type { HttpResponse } from '../core/http';

interface ErrorInfo {
  reason?: string;
  metadata?: { serviceTitle?: string; service?: string; activationUrl?: string };
}

/** What to tell the user when `response` says the API is disabled, else null. */
export function disabledApiMessage(response: HttpResponse | undefined): string | null {
  if (!response || response.status !== 403) return null;
  let details: ErrorInfo[];
  try {
    const body = JSON.parse(response.body) as { error?: { details?: ErrorInfo[] } };
    details = (body.error && body.error.details) || [];
  } catch {
    return null;
  }
  const info = details.filter((d) => d && d.reason === 'SERVICE_DISABLED')[0];
  if (!info) return null;
  const meta = info.metadata || {};
  const api = meta.serviceTitle || meta.service || 'A Google API';
  const where = meta.activationUrl ? ` at ${meta.activationUrl}` : ' in the Google Cloud console';
  return (
    `${api} is not enabled in this add-on's Google Cloud project. An admin enables it${where} ` +
    '(see "Cloud project" in the deployment guide), then it works within a few minutes.'
  );
}
