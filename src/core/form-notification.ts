// HubSpot's form-submission notification emails: opened in Gmail, the sidebar shows the lead the email is
// about, not HubSpot's notification address. HubSpot sends its notifications from
// noreply@notifications.hubspot.com ("HubSpot email addresses" in
// https://knowledge.hubspot.com/email/not-receiving-hubspot-system-or-notification-emails), and a form
// notification lists the submitted fields one per line, label then value ("Email: ..."). Only the sender's
// domain and an email field are relied on: the subject and the greeting vary with the account's language.
import { parseAddress } from './addresses';
import { cleanSingleLine, truncateText } from './prospect';
import type { MailAddress } from './ports';

export const NOTIFICATION_DOMAIN = 'notifications.hubspot.com';

/** The lead a notification is about: the address and what the form said of the person. */
export interface NotifiedLead extends MailAddress {
  company: string | null;
}

export function isFormNotificationSender(email: string | null | undefined): boolean {
  const domain = (email || '').toLowerCase().split('@')[1] || '';
  return domain === NOTIFICATION_DOMAIN || domain.endsWith(`.${NOTIFICATION_DOMAIN}`);
}

const EMAIL_LABEL = /^(e-?mail|email address|e-mail address)$/i;
const FIRST_LABEL = /^(first ?name|firstname|vorname|prénom)$/i;
const LAST_LABEL = /^(last ?name|lastname|surname|nachname|nom)$/i;
const NAME_LABEL = /^(name|full name)$/i;
const COMPANY_LABEL = /^(company|company name|organi[sz]ation|firma|entreprise)$/i;
/** Field lines: "Email: x", "Email - x", or a label line followed by its value on the next line. */
const FIELD_LINE = /^\s*([A-Za-zÀ-ÿ][\wÀ-ÿ .'-]{0,40}?)\s*[:\uff1a]\s*(.+?)\s*$/;

/**
 * The lead a HubSpot form notification is about, from its plain-text body, or null when the message is
 * not one (another sender, or no email field among the fields). Values are cleaned to one short line.
 */
export function notifiedLead(fromEmail: string | null, body: string): NotifiedLead | null {
  if (!isFormNotificationSender(fromEmail)) return null;
  const fields = new Map<string, string>();
  const lines = body.split(/\r?\n/).slice(0, 400);
  lines.forEach((line, i) => {
    const match = FIELD_LINE.exec(line);
    if (match) {
      remember(fields, match[1], match[2]);
      return;
    }
    // HubSpot's HTML-to-text rendering may put a field's label and value on lines of their own.
    const label = line.trim();
    const next = (lines[i + 1] || '').trim();
    if (label && next && [EMAIL_LABEL, FIRST_LABEL, LAST_LABEL, COMPANY_LABEL].some((r) => r.test(label)))
      remember(fields, label, next);
  });
  const field = (pattern: RegExp) => {
    for (const [label, value] of fields) if (pattern.test(label)) return value;
    return null;
  };
  const raw = field(EMAIL_LABEL);
  const address = raw ? parseAddress(raw) : null;
  if (!address || isFormNotificationSender(address.email)) return null;
  const name =
    [field(FIRST_LABEL), field(LAST_LABEL)].filter(Boolean).join(' ') || field(NAME_LABEL) || address.name;
  return { email: address.email, name: name || null, company: field(COMPANY_LABEL) };
}

function remember(fields: Map<string, string>, label: string, value: string): void {
  const key = cleanSingleLine(label);
  if (!fields.has(key)) fields.set(key, truncateText(cleanSingleLine(value), 200));
}
