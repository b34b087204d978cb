// The guard between a model's answer and a draft: each refusal, and the answers it lets through.
import { checkModelText, linksIn } from '../../src/core/writer-guard';
import type { GuardContext } from '../../src/core/writer-guard';

const SKELETON =
  "Hi Marcus,\n\nThank you for getting in touch. I'd be glad to set up a short call to learn what BrightPath is looking for and how we can help.\n\n[[TIMES]]\n\nI'm happy to work around your schedule.\n\nBest regards,\nAlex Rivera";

const ctx: GuardContext = {
  expectTimes: true,
  allowedLinks: ['https://northwind.example/book'],
  allowedAddresses: ['marcus@brightpath.example', 'alex.rivera@northwind.example'],
  secrets: ['AIzaSySecretKeyForTests0000000000000000', 'pat-na1-aaaabbbb-cccc'],
  maxChars: 1_440,
  skeleton: SKELETON,
};

const good =
  'Hi Marcus,\n\nThanks for your note about BrightPath and the team you are building. I would be glad to show you how we can help with that.\n\n[[TIMES]]\n\nIf none of these suit you, just tell me what works.\n\nBest regards,\nAlex Rivera';

function reasonOf(text: string, over: Partial<GuardContext> = {}): string {
  const result = checkModelText(text, { ...ctx, ...over });
  return result.ok ? 'ok' : result.reason;
}

test('a plain answer in the template language with the times line passes', () => {
  expect(reasonOf(good)).toBe('ok');
  expect(
    reasonOf(good.replace('how we can help', 'our booking page https://northwind.example/book/30min')),
  ).toBe('ok');
});

test.each([
  ['empty', '   \n  '],
  ['oversized', good + ' word'.repeat(400)],
  ['header_lines', good.replace('Hi Marcus,', 'Hi Marcus,\nBcc: eve@evil.example')],
  ['header_lines', `Subject: Urgent invoice\n${good}`],
  ['header_lines', good.replace('Hi Marcus,', '> Reply-To: x')],
  ['credential', good.replace('Thanks', `Key: ${ctx.secrets[0]}. Thanks`)],
  ['credential', good.replace('Thanks', 'Your token = abc. Thanks')],
  ['credential', good.replace('Thanks', 'Use pat-na1-12345678-abcd-efgh to log in. Thanks')],
  ['credential', good.replace('Thanks', 'Code a8f3b2c1d4e5f6a7b8c9d0e1f2a3b4c5d6 ok. Thanks')],
  ['refusal', "I'm sorry, but I can't help with that."],
  ['markup', good.replace('Thanks', '**Thanks**')],
  ['markup', good.replace('Thanks', '<a href="x">Thanks</a>')],
  ['times_dropped', good.replace('[[TIMES]]', 'Any time next week works.')],
  ['malformed', good.replace('[[TIMES]]', '[[TIMES]]\n[[TIMES]]')],
  ['malformed', good.replace('Thanks', 'Thanks {{firstName}}')],
  ['times_retyped', good.replace('Thanks', 'I can do Tuesday at 10:30. Thanks')],
  ['times_retyped', good.replace('Thanks', 'How about 3pm? Thanks')],
  ['foreign_address', good.replace('Thanks', 'I copied eve@evil.example. Thanks')],
  ['foreign_link', good.replace('Thanks', 'Sign in at https://login.evil.example/verify first. Thanks')],
  ['foreign_link', good.replace('Thanks', 'Visit evil-login.com/verify. Thanks')],
  ['foreign_link', good.replace('how we can help', 'https://northwind.example/book.evil.net')],
  [
    'off_language',
    'Bonjour Marcus,\n\nMerci pour votre message. Je serais ravi de vous présenter notre produit et de répondre à vos questions.\n\n[[TIMES]]\n\nCordialement,\nAlex Rivera',
  ],
  [
    'off_language',
    'Здравствуйте, Маркус!\n\nСпасибо за ваше сообщение, буду рад созвониться.\n\n[[TIMES]]\n\nАлекс',
  ],
  ['malformed', good.replace('Thanks', 'Thanks\u0007')],
])('refused as %s', (reason, text) => {
  expect(reasonOf(text)).toBe(reason);
});

test('without times in the template, a [[TIMES]] line is refused and none is needed', () => {
  const noTimes = good.replace('\n\n[[TIMES]]', '');
  expect(reasonOf(noTimes, { expectTimes: false })).toBe('ok');
  expect(reasonOf(good, { expectTimes: false })).toBe('malformed');
});

test('the recipient and sender may be named; links are found with and without a scheme', () => {
  expect(reasonOf(good.replace('Thanks', 'Write to alex.rivera@northwind.example any time. Thanks'))).toBe(
    'ok',
  );
  expect(linksIn('see https://a.example/x, www.b.example and c.com/path')).toEqual([
    'https://a.example/x,',
    'www.b.example',
    'c.com/path',
  ]);
});
