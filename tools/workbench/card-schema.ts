// Validates card and response JSON against tools/workbench/card.schema.json, the schema written from Google's
// card.v1 and RenderActions reference (sources in the schema's $comment and docs/workbench.md, "Card JSON").
// The runner checks every card and response it is shown, so a field Google does not document fails the
// scenario that produced it.
//
// Compiling the schema takes Ajv about half a second, and jest gives every test file fresh modules, so a
// module-level cache alone would compile once per test file. The compiled validator is therefore written
// once as standalone code (Ajv's own feature) to node_modules/.cache, named by a hash of the schema and the
// Ajv version, and loaded with Node's require, which each process also caches across test files.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

const SCHEMA_FILE = join(__dirname, 'card.schema.json');
const CACHE_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'prospector');
const nodeRequire = createRequire(__filename);
/** How the cached validators are compiled: part of the cache key, as is the schema. */
const FAST_OPTIONS = { code: { source: true }, inlineRefs: false };

type Kind = 'card' | 'response';
type Validators = Record<Kind, ValidateFunction>;

interface Schema {
  $id: string;
}

function schemaText(): string {
  return readFileSync(SCHEMA_FILE, 'utf8');
}

function newAjv(options: Record<string, unknown>): Ajv {
  const AjvClass = (nodeRequire('ajv') as { default: new (o: object) => Ajv }).default;
  return new AjvClass({ allowUnionTypes: true, ...options });
}

function definitionRefs(schema: Schema): Record<Kind, string> {
  return {
    card: `${schema.$id}#/definitions/card`,
    response: `${schema.$id}#/definitions/response`,
  };
}

/** The fast validators (first error only), from the standalone cache, compiled and cached on a miss. */
function loadFast(): Validators {
  const text = schemaText();
  const ajvVersion = (nodeRequire('ajv/package.json') as { version: string }).version;
  const hash = createHash('sha256')
    .update(`${ajvVersion}\n${JSON.stringify(FAST_OPTIONS)}\n${text}`)
    .digest('hex')
    .slice(0, 16);
  const file = join(CACHE_DIR, `card-schema-${hash}.cjs`);
  if (!existsSync(file)) {
    const schema = JSON.parse(text) as Schema;
    const ajv = newAjv(FAST_OPTIONS);
    ajv.addSchema(schema);
    const standaloneCode = (
      nodeRequire('ajv/dist/standalone') as {
        default: (ajv: Ajv, refs: Record<string, string>) => string;
      }
    ).default;
    const code = standaloneCode(ajv, definitionRefs(schema));
    mkdirSync(CACHE_DIR, { recursive: true });
    // Written aside then renamed, so a parallel test worker never loads half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return nodeRequire(file) as Validators;
}

/** Validators that list every error with its schema, to explain a failure; built only when one happens. */
function compileExplaining(): Validators {
  const schema = JSON.parse(schemaText()) as Schema;
  const ajv = newAjv({ allErrors: true, verbose: true });
  ajv.addSchema(schema);
  const refs = definitionRefs(schema);
  const at = (kind: Kind): ValidateFunction => {
    const validate = ajv.getSchema(refs[kind]);
    if (!validate) throw new Error(`card.schema.json has no definition for ${kind}`);
    return validate;
  };
  return { card: at('card'), response: at('response') };
}

const compiled: { fast?: Validators; explaining?: Validators } = {};

const COMBINATORS = ['oneOf', 'anyOf', 'not'];

/**
 * The error that explains a failure: not one from inside a oneOf/anyOf branch (those only say why a branch
 * did not fit), and the deepest of the rest, as it names the field itself.
 */
function bestError(errors: ErrorObject[]): ErrorObject {
  const direct = errors.filter((error) => !/\/(oneOf|anyOf)\/\d+\//u.test(error.schemaPath));
  const pool = direct.length ? direct : errors;
  // Deeper first; at the same depth a concrete rule (an unknown key, a wrong value) before a combinator.
  const weight = (error: ErrorObject) =>
    error.instancePath.split('/').length * 2 + (COMBINATORS.includes(error.keyword) ? 0 : 1);
  return pool.reduce((best, error) => (weight(error) > weight(best) ? error : best));
}

/** "card JSON ... at /sections/0/widgets/2: must NOT have additional properties (popCard) [rule ...]". */
function describe(what: string, error: ErrorObject): string {
  const path = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  const detail =
    params.additionalProperty !== undefined
      ? ` (${String(params.additionalProperty)})`
      : params.allowedValues !== undefined
        ? ` (${(params.allowedValues as unknown[]).join(', ')})`
        : '';
  const why = (error.parentSchema as { $comment?: string } | undefined)?.$comment;
  return (
    `${what} does not match Google's schema at ${path}: ${error.message}${detail} ` +
    `[rule ${error.schemaPath}${why ? `: ${why}` : ''}]`
  );
}

function check(kind: Kind, json: unknown): void {
  if ((compiled.fast ??= loadFast())[kind](json)) return;
  const explain = (compiled.explaining ??= compileExplaining())[kind];
  explain(json);
  throw new Error(describe(`${kind} JSON`, bestError(explain.errors as ErrorObject[])));
}

/** Throws, naming the path and the schema rule, unless json is a card as card.v1 documents it. */
export function validateCardJson(json: unknown): void {
  check('card', json);
}

/** Throws, naming the path and the schema rule, unless json is a callback response (RenderActions or the compose workbench key). */
export function validateResponseJson(json: unknown): void {
  check('response', json);
}
