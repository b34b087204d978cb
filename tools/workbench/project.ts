// An Apps Script project as the workbench runs it: a folder holding appsscript.json and the script files
// (.js or .gs, in any subfolder). Apps Script puts every file of a project into one global scope; gas-local
// does the same here (it walks the folder and runs each file into one vm context). dist/ is one such
// project; Google's published samples under fixtures/projects/ are others.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';

/** The parts of appsscript.json the workbench reads (https://developers.google.com/apps-script/manifest). */
export interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
  dependencies?: {
    enabledAdvancedServices?: Array<{ userSymbol: string; serviceId: string; version: string }>;
  };
  addOns?: AddOnsManifest;
  [key: string]: unknown;
}

interface TriggerFunction {
  runFunction: string;
  enabled?: boolean;
}

/** https://developers.google.com/workspace/add-ons/concepts/workspace-manifests */
export interface AddOnsManifest {
  common?: {
    name?: string;
    homepageTrigger?: TriggerFunction;
    universalActions?: Array<{ label: string; runFunction?: string; openLink?: string }>;
    useLocaleFromApp?: boolean;
    [key: string]: unknown;
  };
  gmail?: {
    homepageTrigger?: TriggerFunction;
    contextualTriggers?: Array<{ unconditional?: object; onTriggerFunction: string }>;
    composeTrigger?: { selectActions?: Array<{ text: string; runFunction: string }>; draftAccess?: string };
    [key: string]: unknown;
  };
  calendar?: {
    homepageTrigger?: TriggerFunction;
    eventOpenTrigger?: { runFunction: string };
    eventUpdateTrigger?: { runFunction: string };
    currentEventAccess?: string;
    [key: string]: unknown;
  };
  drive?: { homepageTrigger?: TriggerFunction; onItemsSelectedTrigger?: { runFunction: string } };
  [key: string]: unknown;
}

export interface Project {
  /** The folder gas-local loads. */
  dir: string;
  manifest: Manifest;
}

/** gas-local's filter: the files Apps Script would run (it takes .gs files only when asked). */
export function isScriptFile(file: string): boolean {
  const ext = extname(file).toLowerCase();
  return ext === '.js' || ext === '.gs';
}

export function loadProject(dir: string): Project {
  const folder = resolve(dir);
  const manifestFile = join(folder, 'appsscript.json');
  if (!existsSync(manifestFile))
    throw new Error(`${folder} is not an Apps Script project: no appsscript.json`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    throw new Error(`${manifestFile} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return { dir: folder, manifest };
}

const ROOT = join(__dirname, '..', '..');

/**
 * Prospector's bundle as a project: the code given (tests build it in memory) beside the repository's
 * manifest, written once per distinct code to a temporary folder.
 */
export function bundleProject(
  code: string,
  manifestText = readFileSync(join(ROOT, 'appsscript.json'), 'utf8'),
): Project {
  const hash = createHash('sha256').update(code).update(manifestText).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `prospector-workbench-${hash}`);
  if (!existsSync(join(dir, 'appsscript.json'))) {
    mkdirSync(dir, { recursive: true });
    // Parallel test workers may write the same folder: each file appears whole (rename is atomic).
    writeAtomically(join(dir, 'Code.js'), code);
    writeAtomically(join(dir, 'appsscript.json'), manifestText);
  }
  return loadProject(dir);
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}
