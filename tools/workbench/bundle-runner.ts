// Runs an Apps Script project as Apps Script does: each execution starts in a fresh, bare V8 context holding
// the ECMAScript built-ins plus the Apps Script globals the workbench passes in (no require, process,
// timers, Buffer or fetch), loads every script file of the project into it through gas-local (one shared
// global scope, as Apps Script has), then calls one global function.
//
// Objects crossing between Node and the context belong to different realms (an Array made inside fails
// `instanceof Array` outside, and the reverse). So the fakes are exposed through a membrane:
// - a fake object or function reaches the script as a Proxy; calls through it get their arguments
//   unwrapped (proxies back to the fake, the script's arrays, plain objects and Dates copied into Node's
//   realm) and their results wrapped (Node arrays, plain objects and Dates copied into the script's realm);
// - an error a fake throws reaches the script as the script realm's Error, with the same name and
//   message, so `e instanceof Error` and `e.message` work in the bundle as they do in Apps Script;
// - a fatal error (the execution ran out of time; anything marked `fatal: true`, such as a simulated
//   crash) cannot be swallowed: if the script catches it, the runner throws it anyway when the function
//   returns, as Apps Script stops an execution that exceeds its time.
// The entry function's result comes back unwrapped (a Card the script built is the fake's Card).
import * as gasLocal from 'gas-local';
import vm from 'node:vm';
import type { LockTable } from './fakes/lock';
import { isScriptFile } from './project';
import type { Project } from './project';
import type { CallLedger, ExecutionKind } from './runtime';

function isFatal(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { name, fatal } = error as { name?: unknown; fatal?: unknown };
  return name === 'ExecutionTimeout' || fatal === true;
}

interface Realm {
  Error: ErrorConstructor;
  Date: DateConstructor;
  arrayPrototype: object;
  objectPrototype: object;
}

/** Converts values crossing the boundary in either direction; one per execution. */
class Membrane {
  private readonly proxyOf = new WeakMap<object, object>();
  private readonly targetOf = new WeakMap<object, object>();
  fatal: unknown = undefined;

  constructor(private readonly realm: Realm) {}

  /** Node -> script. */
  wrap(value: unknown, seen = new Map<object, unknown>()): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const object = value as object;
    if (this.targetOf.has(object)) return object;
    if (seen.has(object)) return seen.get(object);
    if (object instanceof Date) return new this.realm.Date(object.getTime());
    const prototype = Object.getPrototypeOf(object);
    if (Array.isArray(object) && prototype === Array.prototype) {
      const copy: unknown[] = new (this.realmArrayConstructor())();
      seen.set(object, copy);
      object.forEach((item) => copy.push(this.wrap(item, seen)));
      return copy;
    }
    if (typeof object === 'object' && (prototype === Object.prototype || prototype === null)) {
      const copy = Object.create(prototype === null ? null : this.realm.objectPrototype) as Record<
        string,
        unknown
      >;
      seen.set(object, copy);
      for (const [key, item] of Object.entries(object)) copy[key] = this.wrap(item, seen);
      return copy;
    }
    return this.proxy(object);
  }

  /** Script -> Node. */
  unwrap(value: unknown, seen = new Map<object, unknown>()): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const object = value as object;
    const target = this.targetOf.get(object);
    if (target) return target;
    if (seen.has(object)) return seen.get(object);
    if (object instanceof this.realm.Date) return new Date((object as Date).getTime());
    const prototype = Object.getPrototypeOf(object);
    if (Array.isArray(object) && prototype === this.realm.arrayPrototype) {
      const copy: unknown[] = [];
      seen.set(object, copy);
      object.forEach((item) => copy.push(this.unwrap(item, seen)));
      return copy;
    }
    if (typeof object === 'object' && (prototype === this.realm.objectPrototype || prototype === null)) {
      const copy: Record<string, unknown> = prototype === null ? Object.create(null) : {};
      seen.set(object, copy);
      for (const [key, item] of Object.entries(object)) copy[key] = this.unwrap(item, seen);
      return copy;
    }
    return object;
  }

  private realmArrayConstructor(): ArrayConstructor {
    return (this.realm.arrayPrototype as { constructor: ArrayConstructor }).constructor;
  }

  /** A Node error as the script realm's Error; a fatal one is remembered so it cannot be swallowed. */
  private crossingError(error: unknown): unknown {
    if (isFatal(error)) this.fatal ??= error;
    if (!(error instanceof Error)) return error;
    const converted = new this.realm.Error(error.message);
    converted.name = error.name === 'Error' ? 'Exception' : error.name;
    return converted;
  }

  private proxy(target: object): object {
    const existing = this.proxyOf.get(target);
    if (existing) return existing;
    const proxy = new Proxy(target, {
      get: (object, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(object, key);
        const item = Reflect.get(object, key, object);
        // Proxy invariant: a non-configurable, read-only own property must read as itself.
        if (descriptor && !descriptor.configurable && descriptor.writable === false) return item;
        return this.wrap(item);
      },
      set: (object, key, item) => Reflect.set(object, key, this.unwrap(item), object),
      apply: (fn, thisArg, args: unknown[]) => {
        try {
          const result = Reflect.apply(
            fn as (...a: unknown[]) => unknown,
            this.unwrap(thisArg),
            args.map((arg) => this.unwrap(arg)),
          );
          return this.wrap(result);
        } catch (error) {
          throw this.crossingError(error);
        }
      },
      construct: (fn, args: unknown[]) => {
        try {
          const instance = Reflect.construct(
            fn as new (...a: unknown[]) => object,
            args.map((arg) => this.unwrap(arg)),
          );
          return this.wrap(instance) as object;
        } catch (error) {
          throw this.crossingError(error);
        }
      },
    });
    this.proxyOf.set(target, proxy);
    this.targetOf.set(proxy, target);
    return proxy;
  }
}

interface LoadedBundle {
  context: vm.Context;
  global: Record<string, unknown>;
  membrane: Membrane;
}

/**
 * The script's Date reads the simulated clock: new Date() and Date.now() are "now" in the world, as they
 * are the real now in Apps Script. Dates built from a value are ordinary Dates.
 */
const SIMULATED_DATE = `(function (now) {
  var Real = Date;
  function SimulatedDate() {
    if (!new.target) return new Real(now()).toString();
    var args = Array.prototype.slice.call(arguments);
    return args.length ? new (Function.prototype.bind.apply(Real, [null].concat(args)))() : new Real(now());
  }
  SimulatedDate.prototype = Real.prototype;
  SimulatedDate.now = function () { return now(); };
  SimulatedDate.UTC = Real.UTC;
  SimulatedDate.parse = Real.parse;
  globalThis.Date = SimulatedDate;
})`;

function load(project: Project, globals: Record<string, unknown>, now?: () => number): LoadedBundle {
  const context = vm.createContext({}, { codeGeneration: { strings: true, wasm: false } });
  const global = vm.runInContext('globalThis', context) as Record<string, unknown>;
  const intrinsics = vm.runInContext(
    '({ Error, Date, arrayPrototype: Array.prototype, objectPrototype: Object.prototype })',
    context,
  ) as Realm;
  const membrane = new Membrane(intrinsics);
  if (now) (vm.runInContext(SIMULATED_DATE, context) as (clock: () => number) => void)(now);
  for (const [name, value] of Object.entries(globals)) global[name] = membrane.wrap(value);
  // gas-local makes its context from the object it is given; an already contextified one is used as is.
  gasLocal.require(project.dir, context, { filter: isScriptFile });
  return { context, global, membrane };
}

/** The script realm's error back as a Node Error, keeping name, message and stack. */
function toNodeError(error: unknown): unknown {
  if (error === null || typeof error !== 'object' || error instanceof Error) return error;
  const { name, message, stack } = error as { name?: unknown; message?: unknown; stack?: unknown };
  if (typeof message !== 'string') return error;
  const converted = new Error(message);
  if (typeof name === 'string') converted.name = name;
  if (typeof stack === 'string') converted.stack = stack;
  return converted;
}

/**
 * Loads the bundle into a fresh context with the given globals and calls `functionName(...args)`.
 * Throws what the function throws (as a Node Error), or a fatal error the function swallowed.
 */
export function runEntryPoint(
  project: Project,
  globals: Record<string, unknown>,
  functionName: string,
  args: unknown[],
  now?: () => number,
): unknown {
  const { global, membrane } = load(project, globals, now);
  const entry = global[functionName];
  if (typeof entry !== 'function') {
    throw new Error(
      `The project defines no global function ${functionName}; it has: ${listFunctions(global, globals).join(', ') || 'none'}`,
    );
  }
  let result: unknown;
  try {
    result = Reflect.apply(
      entry as (...a: unknown[]) => unknown,
      undefined,
      args.map((arg) => membrane.wrap(arg)),
    );
  } catch (error) {
    if (membrane.fatal !== undefined) throw membrane.fatal;
    throw toNodeError(membrane.unwrap(error));
  }
  if (membrane.fatal !== undefined) throw membrane.fatal;
  return membrane.unwrap(result);
}

let builtinNames: Set<string> | undefined;

function listFunctions(global: Record<string, unknown>, globals: Record<string, unknown>): string[] {
  builtinNames ??= new Set(Object.getOwnPropertyNames(vm.runInContext('globalThis', vm.createContext({}))));
  return Object.getOwnPropertyNames(global)
    .filter((name) => !builtinNames?.has(name) && !(name in globals))
    .filter((name) => typeof Object.getOwnPropertyDescriptor(global, name)?.value === 'function')
    .sort();
}

/** The functions the project declares at top level: what Apps Script can call as triggers and actions. */
export function listGlobalFunctions(project: Project, globals: Record<string, unknown>): string[] {
  return listFunctions(load(project, globals).global, globals);
}

export interface ExecutionRequest {
  ledger: CallLedger;
  locks: LockTable;
  kind: ExecutionKind;
  project: Project;
  globals: Record<string, unknown>;
  functionName: string;
  args: unknown[];
}

/**
 * One Apps Script execution: begins it on the ledger (so its time limit applies), runs the entry point,
 * and whatever happens releases the locks it still holds and ends it. Re-entrant: an execution started
 * inside another (a "concurrent" one, from ledger.beforeCall) hands the ledger back to the outer one.
 */
export function runExecution(request: ExecutionRequest): unknown {
  const { ledger, locks } = request;
  const execution = ledger.begin(request.kind, request.functionName);
  try {
    return runEntryPoint(request.project, request.globals, request.functionName, request.args, () =>
      ledger.clock.now(),
    );
  } finally {
    locks.releaseAll(execution.id);
    ledger.end();
  }
}
