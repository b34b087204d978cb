// The hostile corpus as stored in fixtures/hostile/submissions.json (written by make-corpus.ts): each
// submission with what it must end as and why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Submission } from './world';

export const CORPUS_FILE = join(__dirname, '..', '..', 'fixtures', 'hostile', 'submissions.json');

export type Tag =
  | 'formula'
  | 'html'
  | 'header'
  | 'email'
  | 'big'
  | 'rtl'
  | 'emoji'
  | 'missing'
  | 'duplicate'
  | 'timestamp'
  | 'conversion-id'
  | 'oversized-id'
  | 'wide-text'
  | 'injection';

export interface CorpusItem {
  tag: Tag;
  why: string;
  /** 'none': nothing of its own (a repeat of another submission, or older than the poller looks back). */
  expect: 'draft' | 'reject' | 'none';
  /** The address the draft must go to, as the add-on normalises it (trimmed, lower case). */
  email?: string;
  /** The sender is a HubSpot contact of the user: a task and a note are expected too. */
  contact?: boolean;
  submission: Submission;
}

/** The submissions with their expectations, as the file stores them. */
export interface CorpusFile {
  generatedBy: string;
  now: string;
  formGuid: string;
  items: CorpusItem[];
}

export function loadCorpus(file = CORPUS_FILE): CorpusItem[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as CorpusFile).items;
}

/** HubSpot contacts for the corpus leads marked `contact`, owned by the user. */
export function corpusContacts(
  items: CorpusItem[],
): Array<{ id: string; properties: Record<string, string> }> {
  return items
    .filter((i) => i.contact && i.email)
    .map((i, k) => ({
      id: String(8000 + k),
      properties: {
        email: i.email as string,
        firstname: 'Corpus',
        lastname: 'Contact',
        hubspot_owner_id: '501',
      },
    }));
}
