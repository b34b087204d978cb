// Smoke test of the HubSpot adapter against a real account:
//   HUBSPOT_TOKEN=pat-... npm run smoke:hubspot [-- --write]
// Reads the token's scopes and the owners; one page of a form if HUBSPOT_FORM_GUID is set; looks up
// HUBSPOT_SMOKE_EMAIL if set. With --write (needs HUBSPOT_SMOKE_EMAIL of a known contact) it creates one
// task on that contact and deletes it again. HUBSPOT_BASE_URL points it elsewhere (e.g. the sandbox).
// The token is never printed: every line goes through the same redaction as the adapter's errors.
import { describeError } from '../../src/core/errors';
import type { HttpPort } from '../../src/core/http';
import { HUBSPOT_BASE_URL, hubspotPaths, hubspotRequest } from '../../src/services/hubspot/api';
import { HubSpotCrm } from '../../src/services/hubspot/hubspot-crm';
import { crmErrorFrom, isSuccess, redact } from '../../src/services/hubspot/responses';
import { missingScopes, tokenInfo } from '../../src/services/hubspot/token-info';
import { fetchAllNode, runCallNode } from './node-http';

/** The adapter's synchronous methods need Apps Script; the smoke test only runs its Calls. */
const noSyncHttp: HttpPort = {
  fetchAll: () => {
    throw new Error('synchronous HTTP is not available in Node: run the Call with runCallNode');
  },
};

async function main(): Promise<number> {
  const token = process.env.HUBSPOT_TOKEN?.trim();
  if (!token) {
    console.error(
      'HUBSPOT_TOKEN is not set. Create a private app in HubSpot (docs/hubspot.md says where and which scopes) and run:\n' +
        '  HUBSPOT_TOKEN=pat-... npm run smoke:hubspot [-- --write]',
    );
    return 2;
  }
  const write = process.argv.includes('--write');
  const baseUrl = (process.env.HUBSPOT_BASE_URL || HUBSPOT_BASE_URL).replace(/\/+$/, '');
  const crm = new HubSpotCrm(noSyncHttp, token, { baseUrl });
  const say = (line: string) => console.log(redact(line, [token]));
  let failures = 0;
  const step = async (name: string, run: () => Promise<string>) => {
    const started = Date.now();
    try {
      say(`ok    ${name}: ${await run()} (${Date.now() - started} ms)`);
    } catch (error) {
      failures++;
      say(`FAIL  ${name}: ${describeError(error).message}`);
    }
  };

  say(`HubSpot smoke test against ${baseUrl}${write ? ' (with --write)' : ''}`);
  await step('token', async () => {
    const info = await runCallNode(tokenInfo(token, baseUrl));
    const missing = missingScopes(info.scopes);
    return (
      `account ${info.hubId ?? '?'}, ${info.scopes.length} scopes` +
      (missing.length
        ? `; missing: ${missing.map((m) => `${m.scope} (${m.purpose})`).join(', ')}`
        : '; all needed scopes present')
    );
  });
  await step('owners', async () => {
    const owners = await runCallNode(crm.owners());
    return `${owners.length} owners with an email`;
  });
  const formGuid = process.env.HUBSPOT_FORM_GUID?.trim();
  if (formGuid) {
    await step('form submissions', async () => {
      const page = await runCallNode(crm.submissionsPage(formGuid, null, 5));
      const newest = page.submissions[0];
      return (
        `${page.submissions.length} on the first page` +
        (newest ? `, newest ${new Date(newest.submittedAt).toISOString()}` : '') +
        (page.after ? ', older pages follow' : ', no older page')
      );
    });
  }
  const email = process.env.HUBSPOT_SMOKE_EMAIL?.trim();
  let contactId: string | null = null;
  if (email) {
    await step('lookup', async () => {
      const lead = await runCallNode(crm.lookupLead(email));
      contactId = lead.contact?.id ?? null;
      if (!lead.contact)
        return `no contact for ${email}${lead.company ? `; company by domain: ${lead.company.name}` : ''}`;
      const c = lead.contact;
      return (
        `contact ${c.id} (${[c.firstName, c.lastName].filter(Boolean).join(' ') || 'no name'}, ` +
        `stage ${c.lifecycleStage ?? '-'}, ${c.dealIds.length} deals), company ${lead.company?.name ?? '-'}`
      );
    });
  }
  if (write) {
    await step('write', async () => {
      if (!contactId) throw new Error('--write needs HUBSPOT_SMOKE_EMAIL of a contact that exists');
      const [taskId] = await runCallNode(
        crm.createTasks([
          {
            contactId,
            subject: 'Prospector smoke test (deleted right away)',
            body: 'Created by tools/hubspot/smoke.ts to check the HubSpot connection.',
            dueAt: Date.now() + 3_600_000,
            ownerId: null,
            priority: 'LOW',
            type: 'TODO',
          },
        ]),
      );
      const [deleted] = await fetchAllNode([
        hubspotRequest(baseUrl, token, 'delete', hubspotPaths.object('tasks', taskId)),
      ]);
      if (!isSuccess(deleted)) throw crmErrorFrom(deleted, [token]);
      return `task ${taskId} created and deleted (HTTP ${deleted.status})`;
    });
  }
  say(failures ? `${failures} step(s) failed` : 'all steps passed');
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(describeError(error).message);
    process.exit(1);
  },
);
