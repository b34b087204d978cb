// HttpPort over UrlFetchApp.fetchAll: every request of a batch travels in one round trip.
// muteHttpExceptions keeps 4xx/5xx as responses so the HubSpot adapter can read HubSpot's error body.
import type { HttpPort, HttpRequest, HttpResponse } from '../core/http';

export class AppsScriptHttp implements HttpPort {
  fetchAll(requests: HttpRequest[]): HttpResponse[] {
    const responses = UrlFetchApp.fetchAll(
      requests.map((r) => ({
        url: r.url,
        method: r.method,
        headers: r.headers,
        payload: r.payload,
        contentType: r.payload === undefined ? undefined : 'application/json',
        muteHttpExceptions: true,
        followRedirects: false,
      })),
    );
    return responses.map((response) => ({
      status: response.getResponseCode(),
      body: response.getContentText(),
      headers: lowerCaseKeys(response.getAllHeaders() as Record<string, string>),
    }));
  }
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(headers)) out[key.toLowerCase()] = String(headers[key]);
  return out;
}
