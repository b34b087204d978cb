// Task and note bodies as HubSpot stores them: HTML. HubSpot's timeline renders hs_note_body and
// hs_task_body as rich text (notes typed in HubSpot come back as `<p>…</p>`), so text from a form or a
// Gmail card goes in escaped, with its line breaks as <br>: a `<a href>` or `<img>` a prospect typed stays
// text, and the lines stay lines. https://developers.hubspot.com/docs/api-reference/2026-03/crm/activities/notes/guide
import { textToHtml } from '../../core/html';

/**
 * Plain text as HTML of at most `max` characters. When the HTML would be longer, the text is cut (never
 * inside an entity, a <br> or a surrogate pair) to the longest start whose HTML fits.
 */
export function activityBodyHtml(text: string, max: number): string {
  const html = textToHtml(text);
  if (html.length <= max) return html;
  let fits = 0;
  let tooLong = text.length;
  while (tooLong - fits > 1) {
    const mid = Math.floor((fits + tooLong) / 2);
    if (textToHtml(text.slice(0, mid)).length <= max) fits = mid;
    else tooLong = mid;
  }
  const last = text.charCodeAt(fits - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? fits - 1 : fits;
  return textToHtml(text.slice(0, end));
}
