// The Crm port over HubSpot's REST API. Reads are Calls, so a use case can send them in the same round trip
// as its other reads; writes go out in batches of 100, every batch of a write in one fetchAll.
// The token lives only in the request headers this class builds: it is never part of a message it throws.
import { isFreeMailDomain } from '../../core/free-mail';
import { CrmError } from '../../core/errors';
import type { Call, HttpMethod, HttpPort, HttpRequest, HttpResponse } from '../../core/http';
import { runAll, runCall, runTogether } from '../../core/http';
import { markersIn } from '../../core/markers';
import type {
  Crm,
  CrmCompany,
  CrmContact,
  CrmDeal,
  CrmOwner,
  LeadLookup,
  NewContact,
  NewNote,
  NewTask,
  SubmissionPage,
} from '../../core/ports';
import {
  ASSOCIATION_TYPE,
  HUBSPOT_BASE_URL,
  NOTE_BODY_MAX_CHARS,
  OWNERS_PAGE_LIMIT,
  SEARCH_FILTER_GROUPS_LIMIT,
  SUBMISSIONS_PAGE_LIMIT,
  chunk,
  hubspotPaths,
  hubspotRequest,
} from './api';
import { activityBodyHtml } from './activity-body';
import type { AssociatedRecord, AssociationPageInput, DealStage } from './responses';
import {
  activityReader,
  COMPANY_PROPERTIES,
  CONTACT_PROPERTIES,
  DEAL_PROPERTIES,
  crmErrorFrom,
  isSuccess,
  readCompany,
  readContact,
  readContactWithSecondaryEmails,
  readCreatedId,
  readCreatedIds,
  readDeal,
  readDealStages,
  stageKey,
  readAssociations,
  readOwners,
  readRecords,
  readSingleContact,
  readSubmissionPage,
} from './responses';

export interface HubSpotCrmOptions {
  /** Where HubSpot answers; the workbench points this at its sandbox on loopback. */
  baseUrl?: string;
}

/** Results of one secondary-email search (5 addresses): room for namesakes the token match lets through. */
const SECONDARY_SEARCH_LIMIT = 20;

/** How many companies the domain search returns: enough to find the contact's primary one among namesakes. */
const DOMAIN_SEARCH_LIMIT = 10;

/**
 * How many pages of one contact's associations are followed before giving up: 20 pages are thousands of
 * tasks or notes on one contact, more than a person keeps; past it the read fails rather than pretend the
 * marker is absent.
 */
const MAX_ASSOCIATION_ROUNDS = 20;

type AssociatedType = 'companies' | 'tasks' | 'notes';

type RequestBuilder = (method: HttpMethod, path: string, body?: unknown) => HttpRequest;

export class HubSpotCrm implements Crm {
  /** Builds authorised requests; a closure, so the token is not a field that logging an object would show. */
  private readonly request: RequestBuilder;
  /** What must never appear in an error: the token (a closure too). */
  private readonly secrets: () => string[];

  constructor(
    private readonly http: HttpPort,
    token: string,
    options: HubSpotCrmOptions = {},
  ) {
    const baseUrl = (options.baseUrl ?? HUBSPOT_BASE_URL).replace(/\/+$/, '');
    this.request = (method, path, body) => hubspotRequest(baseUrl, token, method, path, body);
    this.secrets = () => [token];
  }

  /**
   * The contact by email plus, in the same round trip, the companies whose domain is the email's (skipped
   * for free mail). https://developers.hubspot.com/docs/api-reference/2026-03/crm/objects/companies/search/search-companies
   */
  lookupLead(email: string): Call<LeadLookup> {
    const address = email.trim().toLowerCase();
    const at = address.lastIndexOf('@');
    const domain = address.slice(at + 1);
    // Without an address there is nothing to look up (and GET .../contacts/ would list every contact).
    if (at < 1 || !domain) return { requests: [], parse: () => ({ contact: null, company: null }) };
    const requests = [
      this.request(
        'get',
        hubspotPaths.object('contacts', address, {
          idProperty: 'email',
          properties: CONTACT_PROPERTIES.join(','),
          associations: 'companies,deals',
        }),
      ),
    ];
    if (!isFreeMailDomain(domain)) {
      requests.push(
        this.request('post', hubspotPaths.search('companies'), {
          filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'EQ', value: domain }] }],
          properties: COMPANY_PROPERTIES,
          limit: DOMAIN_SEARCH_LIMIT,
        }),
      );
    }
    return {
      requests,
      parse: ([contactResponse, searchResponse]) => {
        const contact = this.contactOrNull(contactResponse);
        const matches = searchResponse ? this.domainMatches(searchResponse) : [];
        return { contact, company: chooseCompany(contact, matches) };
      },
    };
  }

  /** batch/read returns no associations: dealIds are empty and primaryCompanyId comes from associatedcompanyid. */
  contactsByEmail(emails: string[]): Call<Map<string, CrmContact>> {
    const unique = distinct(emails.map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@')));
    return {
      requests: chunk(unique).map((part) =>
        this.request('post', hubspotPaths.batchRead('contacts'), {
          idProperty: 'email',
          inputs: part.map((id) => ({ id })),
          properties: CONTACT_PROPERTIES,
        }),
      ),
      // A 207 lists the emails HubSpot does not know (OBJECT_NOT_FOUND): they are simply absent here.
      parse: (responses) => {
        const found = new Map<string, CrmContact>();
        for (const response of responses) {
          for (const contact of this.records(response, 'contact list', readContact)) {
            if (contact.email) found.set(contact.email, contact);
          }
        }
        return found;
      },
    };
  }

  /**
   * Contacts known by a secondary email: HubSpot keeps those in hs_additional_emails, which a read by
   * idProperty=email does not match (it matches the primary email only). A CRM search does: one filter
   * group per address (`hs_additional_emails CONTAINS_TOKEN address`), 5 addresses a search, every search
   * in one round trip. Only what the search returns with the address really among the contact's secondary
   * emails counts. Keyed by the address looked up. Search has its own limit (a few a second per account)
   * and lags writes by seconds: callers use it only for addresses the primary lookup missed.
   */
  contactsBySecondaryEmail(emails: string[]): Call<Map<string, CrmContact>> {
    const unique = distinct(emails.map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@')));
    return {
      requests: chunk(unique, SEARCH_FILTER_GROUPS_LIMIT).map((part) =>
        this.request('post', hubspotPaths.search('contacts'), {
          filterGroups: part.map((email) => ({
            filters: [{ propertyName: 'hs_additional_emails', operator: 'CONTAINS_TOKEN', value: email }],
          })),
          properties: [...CONTACT_PROPERTIES, 'hs_additional_emails'],
          limit: SECONDARY_SEARCH_LIMIT,
        }),
      ),
      parse: (responses) => {
        const found = new Map<string, CrmContact>();
        const wanted = new Set(unique);
        for (const response of responses) {
          for (const { contact, secondaryEmails } of this.records(
            response,
            'contact search',
            readContactWithSecondaryEmails,
          )) {
            for (const email of secondaryEmails) {
              if (wanted.has(email) && !found.has(email)) found.set(email, contact);
            }
          }
        }
        return found;
      },
    };
  }

  /** Two round trips (more for a contact with more companies than a page): associations, then companies. */
  primaryCompanies(contactIds: string[]): Map<string, CrmCompany> {
    const companyIdOf = new Map<string, string>();
    const [links] = this.allAssociations(['companies'], contactIds);
    links.forEach((companies, contactId) => {
      const chosen = companies.find((c) => c.primary) ?? companies[0];
      if (chosen) companyIdOf.set(contactId, chosen.id);
    });
    const companies = runCall(
      this.http,
      this.recordsById('companies', [...companyIdOf.values()], COMPANY_PROPERTIES, readCompany),
    );
    const out = new Map<string, CrmCompany>();
    companyIdOf.forEach((companyId, contactId) => {
      const company = companies.get(companyId);
      if (company) out.set(contactId, company);
    });
    return out;
  }

  /**
   * The contacts' task and note associations, every page of them, then those tasks' and notes' bodies, read
   * for markers: two round trips, plus one per further page of the contact with the most activities.
   * Associations, unlike search, show a record the moment it exists (HubSpot's search index lags, and
   * search has its own limit of a few requests a second): a crash seconds after a write is exactly when
   * this runs, and the marker may sit on any page.
   */
  activityMarkers(contactIds: string[]): { tasks: Map<string, string>; notes: Map<string, string> } {
    const [taskLinks, noteLinks] = this.allAssociations(['tasks', 'notes'], contactIds);
    const idsOf = (links: Map<string, AssociatedRecord[]>) =>
      ([] as string[]).concat(...[...links.values()].map((records) => records.map((r) => r.id)));
    const [tasks, notes] = this.runBoth(
      this.recordsById('tasks', idsOf(taskLinks), ['hs_task_body'], activityReader('hs_task_body')),
      this.recordsById('notes', idsOf(noteLinks), ['hs_note_body'], activityReader('hs_note_body')),
    );
    return { tasks: markerIndex(tasks), notes: markerIndex(notes) };
  }

  /**
   * The deals HubSpot knows, in the order asked, and in the same round trip the deal pipelines, for each
   * stage's own label (an account's pipelines have stage ids like "1102"). Closed is HubSpot's
   * hs_is_closed, else the stage's isClosed. The pipelines are a bonus: when they cannot be read, the
   * deals still show, with their stage ids.
   */
  deals(ids: string[]): Call<CrmDeal[]> {
    const call = this.recordsById('deals', ids, DEAL_PROPERTIES, readDeal);
    if (!call.requests.length) return { requests: [], parse: () => [] };
    const pipelines = this.request('get', hubspotPaths.dealPipelines());
    return {
      requests: [...call.requests, pipelines],
      parse: (responses) => {
        const byId = call.parse(responses.slice(0, call.requests.length));
        const stages = this.stagesOrNone(responses[call.requests.length]);
        return distinct(ids)
          .map((id) => byId.get(id))
          .filter((d): d is CrmDeal & { pipeline: string | null } => d !== undefined)
          .map(({ pipeline, ...deal }) => {
            const stage = deal.stage ? stages.get(stageKey(pipeline ?? 'default', deal.stage)) : undefined;
            return {
              ...deal,
              stageLabel: stage?.label ?? null,
              closed: deal.closed ?? stage?.closed ?? null,
            };
          });
      },
    };
  }

  private stagesOrNone(response: HttpResponse | undefined): Map<string, DealStage> {
    try {
      return readDealStages(this.ok(response));
    } catch {
      return new Map();
    }
  }

  owners(): Call<CrmOwner[]> {
    return {
      requests: [this.request('get', hubspotPaths.owners({ limit: OWNERS_PAGE_LIMIT }))],
      parse: ([response]) => readOwners(this.ok(response)),
    };
  }

  submissionsPage(formGuid: string, after: string | null, limit: number): Call<SubmissionPage> {
    const pageSize = Math.max(
      1,
      Math.min(SUBMISSIONS_PAGE_LIMIT, Math.floor(limit) || SUBMISSIONS_PAGE_LIMIT),
    );
    return {
      requests: [this.request('get', hubspotPaths.formSubmissions(formGuid, { limit: pageSize, after }))],
      parse: ([response]) => readSubmissionPage(this.ok(response)),
    };
  }

  /**
   * The body is plain text; HubSpot gets it as HTML (activity-body.ts).
   * https://developers.hubspot.com/docs/api-reference/2026-03/crm/activities/tasks/batch/create-tasks
   */
  createTasks(tasks: NewTask[]): Call<string[]> {
    return this.batchCreation('tasks', tasks, (task) => ({
      properties: withoutNulls({
        hs_timestamp: new Date(task.dueAt).toISOString(),
        hs_task_subject: task.subject,
        hs_task_body: activityBodyHtml(task.body, NOTE_BODY_MAX_CHARS),
        hs_task_status: 'NOT_STARTED',
        hs_task_priority: task.priority,
        hs_task_type: task.type,
        hubspot_owner_id: task.ownerId,
      }),
      associations: [associationTo(task.contactId, ASSOCIATION_TYPE.taskToContact)],
    }));
  }

  /**
   * The body is plain text; HubSpot gets it as HTML of at most 65,536 characters (activity-body.ts).
   * https://developers.hubspot.com/docs/api-reference/latest/crm/activities/notes/batch/create-notes
   */
  createNotes(notes: NewNote[]): Call<string[]> {
    return this.batchCreation('notes', notes, (note) => ({
      properties: withoutNulls({
        hs_timestamp: new Date(note.timestamp).toISOString(),
        hs_note_body: activityBodyHtml(note.body, NOTE_BODY_MAX_CHARS),
        hubspot_owner_id: note.ownerId,
      }),
      associations: [associationTo(note.contactId, ASSOCIATION_TYPE.noteToContact)],
    }));
  }

  /** A 409 (CrmError 'conflict') means a contact with this email exists already. */
  createContact(contact: NewContact): string {
    return runCall(this.http, {
      requests: [
        this.request('post', hubspotPaths.create('contacts'), {
          properties: withoutNulls({
            email: contact.email.trim().toLowerCase(),
            firstname: contact.firstName,
            lastname: contact.lastName,
            company: contact.company,
            phone: contact.phone,
            hubspot_owner_id: contact.ownerId,
          }),
        }),
      ],
      parse: ([response]) => readCreatedId(this.ok(response), 'contact'),
    });
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private batchCreation<T>(type: 'tasks' | 'notes', items: T[], input: (item: T) => object): Call<string[]> {
    const parts = chunk(items);
    return {
      requests: parts.map((part) =>
        this.request('post', hubspotPaths.batchCreate(type), {
          // objectWriteTraceId is echoed on each result, so ids can be put back in input order.
          inputs: part.map((item, i) => ({ ...input(item), objectWriteTraceId: String(i) })),
        }),
      ),
      parse: (responses) =>
        responses.flatMap((response, k) =>
          readCreatedIds(this.ok(response), parts[k].length, type, this.secrets()),
        ),
    };
  }

  /**
   * Every page of the contacts' associations to each type: one round trip for the first pages of all
   * types, then one per further page, the pending pages of every type and contact together.
   */
  private allAssociations(types: AssociatedType[], contactIds: string[]): Map<string, AssociatedRecord[]>[] {
    const found = types.map(() => new Map<string, AssociatedRecord[]>());
    let pending: AssociationPageInput[][] = types.map(() => distinct(contactIds).map((id) => ({ id })));
    for (let round = 0; pending.some((inputs) => inputs.length); round++) {
      if (round === MAX_ASSOCIATION_ROUNDS) {
        throw new CrmError(
          'invalid_response',
          `HubSpot listed more than ${MAX_ASSOCIATION_ROUNDS} pages of associations for one contact`,
        );
      }
      const pages = runAll(
        this.http,
        types.map((type, i) => this.associationPage(type, pending[i])),
      );
      pages.forEach((page, i) =>
        page.records.forEach((records, id) => found[i].set(id, (found[i].get(id) ?? []).concat(records))),
      );
      pending = pages.map((page) => page.more);
    }
    return found;
  }

  /** One associations batch/read from contacts per 100 inputs, all in one Call. */
  private associationPage(
    to: AssociatedType,
    inputs: AssociationPageInput[],
  ): Call<{ records: Map<string, AssociatedRecord[]>; more: AssociationPageInput[] }> {
    return {
      requests: chunk(inputs).map((part) =>
        this.request('post', hubspotPaths.associationsBatchRead('contacts', to), { inputs: part }),
      ),
      parse: (responses) => {
        const records = new Map<string, AssociatedRecord[]>();
        const more: AssociationPageInput[] = [];
        for (const response of responses) {
          const page = readAssociations(this.ok(response));
          page.records.forEach((list, id) => records.set(id, (records.get(id) ?? []).concat(list)));
          more.push(...page.more);
        }
        return { records, more };
      },
    };
  }

  /** Two calls in one round trip; either failing throws, as a plain runCall would. */
  private runBoth<A, B>(a: Call<A>, b: Call<B>): [A, B] {
    const [first, second] = runTogether(this.http, a, b);
    if (!first.ok) throw first.error;
    if (!second.ok) throw second.error;
    return [first.value, second.value];
  }

  /** batch/read by record id, in chunks of 100, as one Call keyed by id. */
  private recordsById<T extends { id: string }>(
    type: 'companies' | 'deals' | 'tasks' | 'notes',
    ids: string[],
    properties: string[],
    read: (raw: unknown) => T | null,
  ): Call<Map<string, T>> {
    return {
      requests: chunk(distinct(ids)).map((part) =>
        this.request('post', hubspotPaths.batchRead(type), {
          inputs: part.map((id) => ({ id })),
          properties,
        }),
      ),
      parse: (responses) => {
        const byId = new Map<string, T>();
        for (const response of responses)
          for (const record of this.records(response, type, read)) byId.set(record.id, record);
        return byId;
      },
    };
  }

  private records<T>(response: HttpResponse, what: string, read: (raw: unknown) => T | null): T[] {
    return readRecords(this.ok(response), what, read);
  }

  private ok(response: HttpResponse | undefined): HttpResponse {
    if (!response) throw new CrmError('invalid_response', 'HubSpot sent no answer for a request');
    if (!isSuccess(response)) throw crmErrorFrom(response, this.secrets());
    return response;
  }

  private contactOrNull(response: HttpResponse | undefined): CrmContact | null {
    if (response && response.status === 404) return null;
    return readSingleContact(this.ok(response));
  }

  /**
   * Domain matches are a bonus: when only the search is rate limited (its own limit is a few per second) or
   * HubSpot's search is down, the contact still shows, with the company from the contact record.
   */
  private domainMatches(response: HttpResponse): CrmCompany[] {
    if (response.status === 429 || response.status >= 500) return [];
    return this.records(response, 'company search', readCompany);
  }
}

/**
 * The contact's primary company when the domain search found it; else the contact's primary company as far
 * as the contact record tells (id and name only: the use case may read the full company later, e.g. with
 * primaryCompanies); else the first company with the email's domain; else none.
 */
function chooseCompany(contact: CrmContact | null, matches: CrmCompany[]): CrmCompany | null {
  const primaryId = contact?.primaryCompanyId ?? null;
  if (primaryId) {
    const matched = matches.find((c) => c.id === primaryId);
    if (matched) return matched;
    return {
      id: primaryId,
      name: contact?.companyName ?? null,
      domain: null,
      industry: null,
      employees: null,
    };
  }
  return matches[0] ?? null;
}

/** Marker -> id of a record whose body carries it (any one will do: it proves the write happened). */
function markerIndex(records: Map<string, { id: string; body: string | null }>): Map<string, string> {
  const index = new Map<string, string>();
  records.forEach((record) => markersIn(record.body).forEach((marker) => index.set(marker, record.id)));
  return index;
}

function associationTo(id: string, associationTypeId: number) {
  return { to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }] };
}

function withoutNulls(properties: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(properties)) {
    const value = properties[key];
    if (value !== null) out[key] = value;
  }
  return out;
}

function distinct(values: string[]): string[] {
  return Array.from(new Set(values.filter((v) => v !== '')));
}
