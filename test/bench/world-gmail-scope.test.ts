// The manifest grants https://mail.google.com/, so a time-driven execution (the poller) may read any
// message without a current-message token; card callbacks still need the open message's token.
import { bundleProject } from '../../tools/workbench/project';
import { World } from '../../tools/workbench/world';

const bundle = `function readEarlierMessage() { return GmailApp.getMessageById('m1').getSubject(); }`;

describe('World: Gmail scopes of a time-driven execution', () => {
  it('lets a trigger read a message without a current-message token', async () => {
    const world = new World({
      project: bundleProject(bundle),
      now: Date.parse('2026-03-10T14:30:00Z'),
      users: [{ email: 'alex@northwind.example', timeZone: 'America/New_York' }],
      hubspot: { portalId: 1, tokens: {} },
      threads: [
        {
          id: 't1',
          labels: [],
          messages: [
            {
              id: 'm1',
              from: 'lead@company.example',
              to: 'alex@northwind.example',
              subject: 'Earlier question',
              date: Date.parse('2026-03-01T10:00:00Z'),
              plainBody: 'Hello',
              accessToken: 'message-token-m1',
            },
          ],
        },
      ],
      calendarEvents: [],
    });
    try {
      expect(world.run('readEarlierMessage', 'trigger')).toBe('Earlier question');
    } finally {
      await world.close();
    }
  });
});
