import { parseAddress, parseAddressList, parseMailbox } from '../../src/core/addresses';
import { counterpartOf } from '../../src/core/lead-view';
import type { OpenedMessage } from '../../src/core/ports';

describe('parseMailbox (RFC 5322 From as real mail writes it)', () => {
  it.each([
    ['a comment after a bare address', 'ann@x.example (Ann Lee)', 'ann@x.example', 'Ann Lee'],
    ['a comment after an angle address', 'Ann <ANN@x.example> (sales)', 'ann@x.example', 'Ann'],
    ['a nested comment', 'Ann (a (b) c) <ann@x.example>', 'ann@x.example', 'Ann'],
    ['CR/LF folded into a quoted name', '"Ann\r\n Lee" <ann@x.example>', 'ann@x.example', 'Ann Lee'],
    ['a bare LF in a name', 'Ann\nLee <ann@x.example>', 'ann@x.example', 'Ann Lee'],
    ['quoted commas', '"Lee, Ann" <ann@x.example>', 'ann@x.example', 'Lee, Ann'],
    [
      'escaped quotes and commas',
      '"Ann \\"Boss\\", Lee" <ann@x.example>',
      'ann@x.example',
      'Ann "Boss", Lee',
    ],
    ['a source route', '<@relay.example:ann@x.example>', 'ann@x.example', null],
  ])('reads %s', (_case, header, email, name) => {
    expect(parseMailbox(header)).toMatchObject({ email, name });
    expect(parseAddress(header)).toEqual({ email, name });
  });

  it.each([
    ['MAILER-DAEMON', 'MAILER-DAEMON'],
    ['an empty bounce address', '<>'],
    ['a named empty address', 'Mail Delivery System <>'],
    ['a group with no members', 'undisclosed-recipients:;'],
    ['an empty header', ''],
    ['two at-signs', 'a@b@c.example'],
  ])('finds no address in %s, and keeps the text to show', (_case, header) => {
    expect(parseMailbox(header).email).toBeNull();
    expect(parseMailbox(header).text).toBe(header);
    expect(parseAddress(header)).toBeNull();
  });
});

describe('parseAddressList', () => {
  it('splits on commas outside quotes, comments and angles, reads groups and drops non-addresses', () => {
    expect(
      parseAddressList('team: a@x.example, "Lee, Ann" <b@y.example>; c@z.example (C, Co), MAILER-DAEMON, <>'),
    ).toEqual([
      { email: 'a@x.example', name: null },
      { email: 'b@y.example', name: 'Lee, Ann' },
      { email: 'c@z.example', name: 'C, Co' },
    ]);
  });
});

describe('counterpartOf', () => {
  const message = (from: OpenedMessage['from']): OpenedMessage => ({
    id: 'm',
    threadId: 't',
    from,
    fromText: from ? from.email : 'MAILER-DAEMON',
    to: [{ email: 'ann@acme.example', name: null }],
    cc: [],
    subject: 's',
    date: 0,
  });

  it('is the first external recipient of the user own message', () => {
    expect(counterpartOf(message({ email: 'me@mine.example', name: null }), 'me@mine.example', [])).toEqual({
      email: 'ann@acme.example',
      name: null,
    });
  });

  it('is nobody when the sender has no address: no recipient is guessed', () => {
    expect(counterpartOf(message(null), 'me@mine.example', [])).toBeNull();
  });
});
