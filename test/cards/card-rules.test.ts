// The reviewer's rules can fail: each one against a card that breaks it, and one that keeps it.
import { altTextProblems, pluralProblems, vocabularyProblems } from './card-rules';
import type { Json } from './card-json';

const cardWith = (...widgets: Json[]): Json => ({ sections: [{ widgets }] });
const line = (text: string, altText?: string): Json => ({
  decoratedText: { text, startIcon: { knownIcon: 'EMAIL', ...(altText === undefined ? {} : { altText }) } },
});

describe('card rules', () => {
  it('alt text: missing or shared by two icons is flagged; one per icon passes', () => {
    expect(altTextProblems(cardWith(line('a', 'Draft'), line('b', 'Draft')))).toEqual([
      'alt text used twice: Draft',
    ]);
    expect(altTextProblems(cardWith(line('a')))).toEqual(['1 icon(s) without alt text']);
    expect(altTextProblems(cardWith(line('a', 'Draft to Ann'), line('b', 'Draft to Bo')))).toEqual([]);
  });

  it('vocabulary: "Free times" and "Next free times" are flagged, "Times to offer" passes', () => {
    expect(vocabularyProblems(cardWith(line('Free times cannot be shown', 'x')))).toHaveLength(1);
    expect(vocabularyProblems({ header: { title: 'Next free times' }, sections: [] })).toHaveLength(1);
    expect(vocabularyProblems(cardWith(line('Times to offer · New York time', 'x')))).toEqual([]);
    expect(vocabularyProblems(cardWith(line('No free time in your working hours', 'x')))).toEqual([]);
  });

  it('plurals: "2 draft(s)", "1 leads" and "3 lead" are flagged; "1 lead", "2 leads", "10:30" pass', () => {
    for (const bad of ['2 draft(s) prepared', 'You have 1 leads', '3 lead need you'])
      expect(pluralProblems(cardWith(line(bad, 'x')))).toEqual([bad]);
    for (const good of ['1 lead', '2 leads waiting', 'Tue, Mar 10, 10:30 AM', '0 drafts to review'])
      expect(pluralProblems(cardWith(line(good, 'x')))).toEqual([]);
  });
});
