// Free-mail providers: their domain says nothing about the sender's company.
/**
 * Mail providers whose domain says nothing about the sender's company: no company search for these.
 * Entries ending in '.' match any country suffix (yahoo.co.uk, hotmail.fr).
 */
const FREE_MAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'outlook.',
  'hotmail.',
  'live.',
  'msn.com',
  'yahoo.',
  'ymail.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.',
  'pm.me',
  'gmx.',
  'web.de',
  'mail.com',
  'yandex.',
  'zoho.com',
  'fastmail.com',
  'hey.com',
  'tutanota.com',
  'qq.com',
  '163.com',
];

export function isFreeMailDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  return FREE_MAIL_DOMAINS.some((free) => (free.endsWith('.') ? d.startsWith(free) : d === free));
}
