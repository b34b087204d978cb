// Form submissions, newest first; `after` pages toward older ones. limit defaults to 20, at most 50.
// https://developers.hubspot.com/docs/api-reference/legacy/marketing/forms/v1/get-form-integrations-v1-submissions-forms-form_guid
// The cursor names the last submission returned (not an offset), so a submission that arrives while a client
// pages does not shift the pages it has yet to read.
import { errorReply, invalidInput } from '../errors';
import type { Reply } from '../errors';
import type { RouteContext } from '../router';
import type { FormSubmission } from '../types';

interface Cursor {
  submittedAt: number;
  conversionId: string;
}

function encodeCursor(submission: FormSubmission): string {
  const cursor: Cursor = { submittedAt: submission.submittedAt, conversionId: submission.conversionId };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(after: string): Cursor | null {
  try {
    const cursor = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof cursor.submittedAt === 'number' && typeof cursor.conversionId === 'string')
      return cursor as Cursor;
  } catch {
    // not one of ours
  }
  return null;
}

/** Newest first; submissions of the same millisecond in a fixed order. */
function newestFirst(a: Cursor, b: Cursor): number {
  return (
    b.submittedAt - a.submittedAt ||
    (a.conversionId < b.conversionId ? 1 : a.conversionId > b.conversionId ? -1 : 0)
  );
}

export function listSubmissions(ctx: RouteContext): Reply {
  const submissions = ctx.store.submissions(ctx.params.formGuid);
  if (!submissions)
    return errorReply(404, `Form ${ctx.params.formGuid} does not exist`, ctx.now, {
      category: 'OBJECT_NOT_FOUND',
    });
  const rawLimit = ctx.query.get('limit');
  const limit = rawLimit === null ? 20 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
    return invalidInput(`limit must be an integer from 1 to 50 (got ${rawLimit})`, ctx.now);
  }
  const after = ctx.query.get('after');
  const cursor = after === null ? null : decodeCursor(after);
  if (after !== null && cursor === null)
    return invalidInput(`after is not a cursor from a previous page (${after})`, ctx.now);
  const ordered = [...submissions].sort(newestFirst);
  const older = cursor === null ? ordered : ordered.filter((s) => newestFirst(cursor, s) < 0);
  const page = older.slice(0, limit);
  const body: Record<string, unknown> = {
    results: page.map((s) => ({
      conversionId: s.conversionId,
      submittedAt: s.submittedAt,
      values: s.values,
      pageUrl: s.pageUrl ?? '',
    })),
  };
  if (older.length > limit) {
    const next = encodeCursor(page[page.length - 1]);
    body.paging = { next: { after: next, link: `${ctx.origin}${ctx.path}?limit=${limit}&after=${next}` } };
  }
  return { status: 200, body };
}

/**
 * The account's forms, a page at a time: GET /marketing/v3/forms ?limit (default 20) &after (the cursor
 * of the previous page's paging.next). Each form with its id (the GUID the submissions API takes) and name.
 * https://developers.hubspot.com/docs/api-reference/legacy/marketing/forms/get-forms
 */
export function listForms(ctx: RouteContext): Reply {
  const rawLimit = ctx.query.get('limit');
  const limit = rawLimit === null ? 20 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1) {
    return invalidInput(`limit must be a positive integer (got ${rawLimit})`, ctx.now);
  }
  const forms = ctx.store.formList();
  const after = ctx.query.get('after');
  const start = after === null ? 0 : forms.findIndex((f) => f.id === after) + 1;
  if (after !== null && start === 0)
    return invalidInput(`after is not a cursor from a previous page (${after})`, ctx.now);
  const page = forms.slice(start, start + limit);
  const stamp = new Date(ctx.now).toISOString();
  const body: Record<string, unknown> = {
    results: page.map((f) => ({
      id: f.id,
      name: f.name,
      formType: 'hubspot',
      createdAt: stamp,
      updatedAt: stamp,
      archived: false,
    })),
  };
  if (start + limit < forms.length) {
    const next = page[page.length - 1].id;
    body.paging = { next: { after: next, link: `${ctx.origin}${ctx.path}?limit=${limit}&after=${next}` } };
  }
  return { status: 200, body };
}
