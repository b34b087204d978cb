// The sandbox account's data: CRM records, associations (kept in both directions, as HubSpot does), owners
// and form submissions. Built from a SandboxSeed; created tasks, notes and contacts get new numeric ids.
import {
  associationType,
  associationTypeByName,
  defaultAssociationType,
  withImpliedTypes,
} from './association-types';
import { OBJECT_TYPE_NAMES, objectTypeSpec } from './object-types';
import type { ObjectTypeSpec } from './object-types';
import { dealPipelinesOf, findStage } from './pipelines';
import type {
  AssociationEdge,
  CrmRecord,
  FormSubmission,
  ObjectTypeName,
  SandboxSeed,
  SandboxState,
  SeedObject,
  SeedPipeline,
  OwnerRecord,
  TokenGrant,
} from './types';

/** HubSpot's timestamps are Java Instants: millisecond precision, no fraction when it is zero. */
export function instant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function epochOf(value: number | string | undefined): number {
  if (value === undefined) return Date.UTC(2026, 0, 1);
  return typeof value === 'number' ? value : Date.parse(value);
}

/** A record's property value; own properties only, so a name like "constructor" finds nothing. */
export function propertyOf(record: CrmRecord, name: string): string | undefined {
  return Object.hasOwn(record.properties, name) ? record.properties[name] : undefined;
}

/** Ids of created records start here, above any id a small seed is likely to use. */
const FIRST_NEW_ID = 90_000_000_001;

export class SandboxStore {
  readonly portalId: number;
  private readonly tokens: Readonly<Record<string, TokenGrant>>;
  private readonly records = new Map<ObjectTypeName, Map<string, CrmRecord>>();
  /** from "type:id" -> to type -> to id -> type ids. */
  private readonly links = new Map<string, Map<ObjectTypeName, Map<string, Set<number>>>>();
  /** Owners with HubSpot's defaults filled in (userId, timestamps, archived). */
  private readonly owners: OwnerRecord[];
  private readonly forms: Map<string, FormSubmission[]>;
  private readonly formNames: Map<string, string>;
  private readonly pipelines: SeedPipeline[];
  /** When the seeded account's records (and pipelines) were created, epoch ms. */
  readonly seededAt: number;
  private nextId = FIRST_NEW_ID;

  constructor(seed: SandboxSeed) {
    this.portalId = seed.portalId;
    this.tokens = structuredClone(seed.tokens);
    this.seededAt = epochOf(seed.now);
    const seededAt = instant(this.seededAt);
    this.pipelines = dealPipelinesOf(seed.pipelines?.deals);
    this.owners = (seed.owners ?? []).map((owner, index) => ({
      firstName: null,
      lastName: null,
      userId: 1_000 + index,
      createdAt: seededAt,
      updatedAt: owner.createdAt ?? seededAt,
      archived: false,
      ...structuredClone(owner),
    }));
    this.forms = new Map(Object.entries(structuredClone(seed.forms ?? {})));
    this.formNames = new Map(Object.entries(seed.formNames ?? {}));
    for (const type of OBJECT_TYPE_NAMES) {
      const byId = new Map<string, CrmRecord>();
      for (const object of seed[type] ?? []) {
        const record = toRecord(objectTypeSpec(type), object, seededAt);
        if (type === 'deals') this.checkDealStage(record);
        byId.set(object.id, this.withComputed(type, record));
      }
      this.records.set(type, byId);
    }
    for (const type of OBJECT_TYPE_NAMES) {
      for (const object of seed[type] ?? []) this.seedBlockAssociations(type, object);
    }
    for (const edge of seed.associations ?? []) {
      const typeIds = edge.typeIds ?? [defaultTypeId(edge.fromType, edge.toType)];
      this.associate(edge.fromType, edge.fromId, edge.toType, edge.toId, typeIds);
    }
    for (const edge of this.snapshotEdges()) {
      for (const [type, id] of [
        [edge.fromType, edge.fromId],
        [edge.toType, edge.toId],
      ] as const) {
        if (!this.get(type, id))
          throw new Error(`the seed associates ${type} ${id}, which it does not define`);
      }
    }
  }

  /** What a token may do, if the seed issued it. */
  grant(token: string): TokenGrant | undefined {
    return Object.hasOwn(this.tokens, token) ? this.tokens[token] : undefined;
  }

  get(type: ObjectTypeName, id: string): CrmRecord | undefined {
    return this.table(type).get(id);
  }

  /** The first record whose property equals the value (emails compare case-insensitively, as HubSpot's do). */
  findBy(type: ObjectTypeName, property: string, value: string): CrmRecord | undefined {
    const wanted = property === 'email' ? value.trim().toLowerCase() : value;
    for (const record of this.table(type).values()) {
      const actual = propertyOf(record, property);
      if (actual === undefined) continue;
      if ((property === 'email' ? actual.toLowerCase() : actual) === wanted) return record;
    }
    return undefined;
  }

  all(type: ObjectTypeName): CrmRecord[] {
    return [...this.table(type).values()];
  }

  /** Property names present on any record of the type (a seed may use custom properties). */
  propertiesInUse(type: ObjectTypeName): Set<string> {
    const names = new Set<string>();
    for (const record of this.table(type).values())
      for (const name of Object.keys(record.properties)) names.add(name);
    return names;
  }

  newId(): string {
    return String(this.nextId++);
  }

  put(type: ObjectTypeName, record: CrmRecord): void {
    this.table(type).set(record.id, this.withComputed(type, record));
  }

  dealPipelines(): SeedPipeline[] {
    return this.pipelines;
  }

  /**
   * What HubSpot computes on a deal: `pipeline` is `default` when not given (an account's first pipeline),
   * and `hs_is_closed` is "true" in a stage whose metadata says isClosed.
   */
  private withComputed(type: ObjectTypeName, record: CrmRecord): CrmRecord {
    if (type !== 'deals') return record;
    const pipeline = propertyOf(record, 'pipeline') ?? 'default';
    const stageId = propertyOf(record, 'dealstage');
    const stage = stageId === undefined ? undefined : findStage(this.pipelines, pipeline, stageId);
    const properties = {
      ...record.properties,
      pipeline,
      hs_is_closed: stage?.metadata.isClosed === 'true' ? 'true' : 'false',
    };
    return { ...record, properties };
  }

  /** A seed deal must sit in a stage of its pipeline, as HubSpot requires. */
  private checkDealStage(record: CrmRecord): void {
    const pipeline = propertyOf(record, 'pipeline') ?? 'default';
    const stageId = propertyOf(record, 'dealstage');
    if (stageId !== undefined && !findStage(this.pipelines, pipeline, stageId)) {
      throw new Error(`deal ${record.id}: stage "${stageId}" is not a stage of pipeline "${pipeline}"`);
    }
  }

  /** Adds types to the association in both directions. Unknown type ids throw: callers validate first. */
  associate(from: ObjectTypeName, fromId: string, to: ObjectTypeName, toId: string, typeIds: number[]): void {
    for (const typeId of withImpliedTypes(typeIds)) {
      const type = associationType(typeId, from);
      if (!type || type.to !== to) throw new Error(`no association type ${typeId} from ${from} to ${to}`);
      this.link(from, fromId, to, toId, typeId);
      this.link(to, toId, from, fromId, type.inverse);
    }
  }

  /** Associated ids of one type with their type ids, leaving out archived records. */
  associated(
    from: ObjectTypeName,
    fromId: string,
    to: ObjectTypeName,
  ): Array<{ toId: string; typeIds: number[] }> {
    const targets = this.links.get(`${from}:${fromId}`)?.get(to);
    if (!targets) return [];
    return [...targets.entries()]
      .filter(([toId]) => this.get(to, toId)?.archived === false)
      .map(([toId, typeIds]) => ({ toId, typeIds: [...typeIds].sort((a, b) => a - b) }))
      .sort((a, b) => compareIds(a.toId, b.toId));
  }

  ownerList(): OwnerRecord[] {
    return this.owners;
  }

  submissions(formGuid: string): FormSubmission[] | undefined {
    return this.forms.get(formGuid);
  }

  /** Every form the account has (named, or with submissions), by name then GUID. */
  formList(): Array<{ id: string; name: string }> {
    const ids = new Set([...this.formNames.keys(), ...this.forms.keys()]);
    return [...ids]
      .map((id) => ({ id, name: this.formNames.get(id) ?? `Form ${id}` }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  }

  /** New submissions arriving on a form (the form is created if the seed had none). */
  addSubmissions(formGuid: string, submissions: FormSubmission[]): void {
    this.forms.set(formGuid, [...(this.forms.get(formGuid) ?? []), ...structuredClone(submissions)]);
  }

  snapshot(): SandboxState {
    const records = {} as SandboxState['records'];
    for (const type of OBJECT_TYPE_NAMES) records[type] = structuredClone(this.all(type));
    return {
      portalId: this.portalId,
      records,
      associations: this.snapshotEdges(),
      owners: structuredClone(this.owners),
      forms: structuredClone(Object.fromEntries(this.forms)),
    };
  }

  /** Every association, one edge per direction. */
  private snapshotEdges(): AssociationEdge[] {
    const edges: AssociationEdge[] = [];
    for (const [key, byType] of this.links) {
      const [fromType, fromId] = key.split(':') as [ObjectTypeName, string];
      for (const [toType, targets] of byType) {
        for (const [toId, typeIds] of targets) {
          edges.push({ fromType, fromId, toType, toId, typeIds: [...typeIds].sort((a, b) => a - b) });
        }
      }
    }
    return edges;
  }

  private table(type: ObjectTypeName): Map<string, CrmRecord> {
    const table = this.records.get(type);
    if (!table) throw new Error(`unknown object type ${type}`);
    return table;
  }

  private link(from: ObjectTypeName, fromId: string, to: ObjectTypeName, toId: string, typeId: number): void {
    const key = `${from}:${fromId}`;
    const byType = this.links.get(key) ?? new Map<ObjectTypeName, Map<string, Set<number>>>();
    this.links.set(key, byType);
    const targets = byType.get(to) ?? new Map<string, Set<number>>();
    byType.set(to, targets);
    const types = targets.get(toId) ?? new Set<number>();
    targets.set(toId, types);
    types.add(typeId);
  }

  /** A seed record's own `associations` block, named by type (`contact_to_company`). */
  private seedBlockAssociations(type: ObjectTypeName, object: SeedObject): void {
    for (const [toType, block] of Object.entries(object.associations ?? {}) as Array<
      [ObjectTypeName, { results: Array<{ id: string; type: string }> }]
    >) {
      for (const item of block.results) {
        const typeId = typeIdByName(type, toType, item.type);
        this.associate(type, object.id, toType, String(item.id), [typeId]);
      }
    }
  }
}

/** A seeded record gets what HubSpot always stores: its id and its created and modified times. */
function toRecord(spec: ObjectTypeSpec, object: SeedObject, seededAt: string): CrmRecord {
  const createdAt = object.createdAt ?? seededAt;
  const updatedAt = object.updatedAt ?? createdAt;
  const properties: Record<string, string> = { [spec.created]: createdAt, [spec.modified]: updatedAt };
  for (const [name, value] of Object.entries(object.properties)) if (value !== null) properties[name] = value;
  properties.hs_object_id = object.id;
  return { id: object.id, properties, createdAt, updatedAt, archived: object.archived ?? false };
}

function defaultTypeId(from: ObjectTypeName, to: ObjectTypeName): number {
  const type = defaultAssociationType(from, to);
  if (!type) throw new Error(`the sandbox has no association type from ${from} to ${to}`);
  return type.typeId;
}

function typeIdByName(from: ObjectTypeName, to: ObjectTypeName, name: string): number {
  const type = associationTypeByName(from, to, name);
  if (!type) throw new Error(`unknown association type "${name}" from ${from} to ${to}`);
  return type.typeId;
}

/** Numeric ids sort numerically; HubSpot ids are numbers in strings. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
