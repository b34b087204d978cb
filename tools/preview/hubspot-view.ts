// The HubSpot sandbox's records as tables: what the add-on read and what it wrote (marked "new").
import type { CrmRecord, SandboxState } from '../sandbox/types';
import { escapeHtml } from './rich-text';

interface Column {
  title: string;
  value: (record: CrmRecord) => string;
  /** Multi-line text (note and task bodies) keeps its line breaks. */
  lines?: boolean;
}

function table(title: string, records: CrmRecord[], columns: Column[], since: number): string {
  if (!records.length) return `<h3>${escapeHtml(title)} <span class="count">0</span></h3>`;
  const head = `<tr><th>Id</th>${columns.map((c) => `<th>${escapeHtml(c.title)}</th>`).join('')}</tr>`;
  const rows = records
    .map((record) => {
      const fresh = Date.parse(record.createdAt) > since ? ' <span class="chip chip-new">new</span>' : '';
      const cells = columns
        .map((c) => `<td${c.lines ? ' class="pre-wrap"' : ''}>${escapeHtml(c.value(record))}</td>`)
        .join('');
      return `<tr${record.archived ? ' class="archived"' : ''}><td>${escapeHtml(record.id)}${fresh}</td>${cells}</tr>`;
    })
    .join('');
  return (
    `<h3>${escapeHtml(title)} <span class="count">${records.length}</span></h3>` +
    `<div class="table-scroll"><table class="sheet-table" data-object="${escapeHtml(title.toLowerCase())}">${head}${rows}</table></div>`
  );
}

const property = (name: string) => (record: CrmRecord) => record.properties[name] ?? '';

/** Note bodies are HTML in HubSpot; the panel shows their text. */
function plain(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** `since` (epoch ms): records created after it are the add-on's writes during this session. */
export function renderHubspot(state: SandboxState, since: number): string {
  const owners = new Map(
    state.owners.map((o) => [o.id, [o.firstName, o.lastName].filter(Boolean).join(' ')]),
  );
  const owner = (record: CrmRecord) => owners.get(record.properties.hubspot_owner_id ?? '') ?? '';
  const { contacts, companies, deals, tasks, notes } = state.records;
  return (
    `<div class="hubspot-records"><p class="note">The HubSpot sandbox on loopback (portal ${escapeHtml(state.portalId)}). ` +
    'Records created since the page started are marked new.</p>' +
    table(
      'Contacts',
      contacts,
      [
        {
          title: 'Name',
          value: (r) => [r.properties.firstname, r.properties.lastname].filter(Boolean).join(' '),
        },
        { title: 'Email', value: property('email') },
        { title: 'Company', value: property('company') },
        { title: 'Lifecycle stage', value: property('lifecyclestage') },
        { title: 'Owner', value: owner },
      ],
      since,
    ) +
    table(
      'Tasks',
      tasks,
      [
        { title: 'Subject', value: property('hs_task_subject') },
        { title: 'Due', value: property('hs_timestamp') },
        { title: 'Status', value: property('hs_task_status') },
        { title: 'Priority', value: property('hs_task_priority') },
        { title: 'Owner', value: owner },
      ],
      since,
    ) +
    table(
      'Notes',
      notes,
      [
        { title: 'When', value: property('hs_timestamp') },
        { title: 'Body', value: (r) => plain(r.properties.hs_note_body ?? ''), lines: true },
      ],
      since,
    ) +
    table(
      'Companies',
      companies,
      [
        { title: 'Name', value: property('name') },
        { title: 'Domain', value: property('domain') },
        { title: 'Industry', value: property('industry') },
      ],
      since,
    ) +
    table(
      'Deals',
      deals,
      [
        { title: 'Name', value: property('dealname') },
        { title: 'Stage', value: property('dealstage') },
        { title: 'Amount', value: property('amount') },
      ],
      since,
    ) +
    '</div>'
  );
}
