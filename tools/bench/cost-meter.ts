// Counts what executions cost, from what the workbench itself recorded: the call ledger (round trips,
// fetchAll = one; modelled latency), the HubSpot sandbox's request log and the UrlFetchApp fakes' request
// records. Nothing here estimates: every figure is a count of recorded calls or a clock difference.
import { GOOGLE_APIS_ORIGINS } from '../workbench/fakes/url-fetch';
import type { CallRecord } from '../workbench/runtime';
import type { World } from '../workbench/world';

/** Spreadsheet calls that only read or open; every other SpreadsheetApp round trip changes the file. */
const SHEET_READS = new Set(['openById', 'openByUrl', 'flush']);

export function isSheetWrite(call: Pick<CallRecord, 'service' | 'method'>): boolean {
  return call.service === 'SpreadsheetApp' && !SHEET_READS.has(call.method) && !/^get/.test(call.method);
}

export interface ExecutionCost {
  roundTrips: number;
  sheetWrites: number;
  modelledMs: number;
}

export interface Cost {
  executions: number;
  /** Sequential service calls; a fetchAll is one however many requests it carries. */
  roundTrips: number;
  /** Round trips per Apps Script service. */
  byService: Record<string, number>;
  /** Round trips per 'Service.method', in the order first seen. */
  byMethod: Record<string, number>;
  /** Requests the HubSpot sandbox received (its own log). */
  hubspotRequests: number;
  /** Requests to Google's REST APIs (free/busy, Gmail threads) inside UrlFetchApp calls. */
  googleApiRequests: number;
  /** Draft-creating calls (GmailApp createDraft, createDraftReply). */
  drafts: number;
  sheetWrites: number;
  /** Modelled time on the simulated clock, summed over executions. */
  modelledMs: number;
  perExecution: ExecutionCost[];
}

const DRAFT_METHODS = new Set(['createDraft', 'createDraftReply', 'createDraftReplyAll']);

/** Meters the executions run through it; the world's state before it was made is not counted. */
export class CostMeter {
  private readonly firstFetcher: number;
  private readonly firstHubspotRequest: number;
  private readonly executions: ExecutionCost[] = [];
  private readonly calls: CallRecord[] = [];

  constructor(private readonly world: World) {
    this.firstFetcher = world.urlFetches.length;
    this.firstHubspotRequest = world.hubspotRequests().length;
  }

  /** Runs one execution (a World.run or a runner step) and keeps what it cost. */
  execution<T>(run: () => T): T {
    const { ledger, clock } = this.world;
    const before = ledger.calls.length;
    const startedAt = clock.now();
    try {
      return run();
    } finally {
      const calls = ledger.calls.slice(before).filter((c) => c.roundTrip);
      this.calls.push(...calls);
      this.executions.push({
        roundTrips: calls.length,
        sheetWrites: calls.filter(isSheetWrite).length,
        modelledMs: clock.now() - startedAt,
      });
    }
  }

  cost(): Cost {
    const byService: Record<string, number> = {};
    const byMethod: Record<string, number> = {};
    for (const call of this.calls) {
      byService[call.service] = (byService[call.service] || 0) + 1;
      const key = `${call.service}.${call.method}`;
      byMethod[key] = (byMethod[key] || 0) + 1;
    }
    const requests = this.world.urlFetches.slice(this.firstFetcher).flatMap((f) => f.requests);
    return {
      executions: this.executions.length,
      roundTrips: this.calls.length,
      byService,
      byMethod,
      hubspotRequests: this.world.hubspotRequests().length - this.firstHubspotRequest,
      googleApiRequests: requests.filter((r) => GOOGLE_APIS_ORIGINS.some((o) => r.url.startsWith(`${o}/`)))
        .length,
      drafts: this.calls.filter((c) => c.service === 'GmailApp' && DRAFT_METHODS.has(c.method)).length,
      sheetWrites: this.calls.filter(isSheetWrite).length,
      modelledMs: this.executions.reduce((sum, e) => sum + e.modelledMs, 0),
      perExecution: this.executions.slice(),
    };
  }
}
