// The shapes the sandbox is seeded with and reports back. Records are HubSpot-shaped, so a seed can be
// pasted from a real API response.

/** The CRM object types the add-on touches. */
export type ObjectTypeName = 'contacts' | 'companies' | 'deals' | 'tasks' | 'notes';

/** HubSpot property values are strings; a seed may say null for "unset". */
export type PropertyValues = Record<string, string | null>;

/** The `associations` block of a GET-by-id response: `{companies: {results: [{id, type}]}}`. */
export type AssociationsBlock = Partial<
  Record<ObjectTypeName, { results: Array<{ id: string; type: string }> }>
>;

export interface SeedObject {
  id: string;
  properties: PropertyValues;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  associations?: AssociationsBlock;
}

/** One association with HubSpot-defined type ids (e.g. contact->company 1 = primary, 279 = unlabeled). */
export interface SeedAssociation {
  fromType: ObjectTypeName;
  fromId: string;
  toType: ObjectTypeName;
  toId: string;
  /** Defaults to the unlabeled type of the pair. */
  typeIds?: number[];
}

export interface SeedOwner {
  id: string;
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  userId?: number;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  teams?: Array<{ id: string; name: string; primary: boolean }>;
}

/** An owner as the sandbox serves it: the seed's fields with HubSpot's defaults filled in. */
export type OwnerRecord = Required<Omit<SeedOwner, 'teams'>> & Pick<SeedOwner, 'teams'>;

export interface FormSubmission {
  conversionId: string;
  /** Epoch milliseconds, as HubSpot returns it. */
  submittedAt: number;
  values: Array<{ name: string; value: string }>;
  pageUrl?: string;
}

/** What a token may do: its account and its granted scopes. */
export interface TokenGrant {
  portalId: number;
  scopes: string[];
  /**
   * A legacy private app token (the default) or a service key. Both are Bearer credentials with scopes;
   * only the first is described by the private-app token-info endpoint.
   */
  kind?: 'private-app' | 'service-key';
  appId?: number;
  userId?: number;
}

/** A deal stage as the pipelines API returns it; metadata values are strings ("true", "0.2"), as HubSpot's. */
export interface SeedPipelineStage {
  id: string;
  label: string;
  displayOrder?: number;
  metadata: { isClosed: 'true' | 'false'; probability?: string };
}

/** A deal pipeline (`GET /crm/pipelines/{version}/deals`); its stage ids are the values of `dealstage`. */
export interface SeedPipeline {
  id: string;
  label: string;
  displayOrder?: number;
  stages: SeedPipelineStage[];
}

export interface SandboxSeed {
  portalId: number;
  tokens: Record<string, TokenGrant>;
  contacts?: SeedObject[];
  companies?: SeedObject[];
  deals?: SeedObject[];
  tasks?: SeedObject[];
  notes?: SeedObject[];
  owners?: SeedOwner[];
  associations?: SeedAssociation[];
  /** Deal pipelines; without them, HubSpot's default "Sales Pipeline" (id `default`). */
  pipelines?: { deals?: SeedPipeline[] };
  /** Submissions per form GUID, in any order (the API returns them newest first). */
  forms?: Record<string, FormSubmission[]>;
  /** The forms' names by GUID, for the forms list (GET /marketing/v3/forms); a form without one is "Form <guid>". */
  formNames?: Record<string, string>;
  /** Epoch ms (or ISO) used as createdAt/updatedAt of seeded records that carry none. */
  now?: number | string;
}

/** A stored CRM record: property values are strings, unset properties are absent. */
export interface CrmRecord {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface AssociationEdge {
  fromType: ObjectTypeName;
  fromId: string;
  toType: ObjectTypeName;
  toId: string;
  typeIds: number[];
}

/** Everything the sandbox holds, as plain JSON (GET /__sandbox/state). */
export interface SandboxState {
  portalId: number;
  records: Record<ObjectTypeName, CrmRecord[]>;
  associations: AssociationEdge[];
  owners: SeedOwner[];
  forms: Record<string, FormSubmission[]>;
}
