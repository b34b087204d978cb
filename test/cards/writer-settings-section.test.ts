// The Settings card's Message writer section: off by default, the key never shown or prefilled, the data
// terms beside the switch, and read-only for non-admins.
import { INPUTS } from '../../src/cards/actions';
import { settingsCard } from '../../src/cards/settings-card';
import { DEFAULT_SHARED_SETTINGS, DEFAULT_USER_SETTINGS } from '../../src/core/settings';
import { cardTexts, inputNamed, installCardService, jsonOf, sectionNamed } from './card-json';

beforeAll(installCardService);

function render(isAdmin: boolean, writerKeySet: boolean) {
  return jsonOf(
    settingsCard({
      isAdmin,
      tokenMask: null,
      writerKeySet,
      shared: DEFAULT_SHARED_SETTINGS,
      personal: DEFAULT_USER_SETTINGS,
      auditSheetUrl: null,
      errors: [],
    }),
  );
}

test('an admin sees the switch off, the terms, and an empty key input even when a key is saved', () => {
  const card = render(true, true);
  const section = sectionNamed(card, 'Message writer');
  expect(JSON.stringify(section)).toContain('"selected":false');
  expect(cardTexts(card).join('\n')).toMatch(/paid Gemini API tier or Vertex AI/);
  const key = inputNamed(card, 'textInput', INPUTS.writerKey);
  expect(key).toBeDefined();
  expect(key?.value).toBeUndefined();
  expect(cardTexts(card).join('\n')).toContain('set (hidden)');
});

test('anyone else reads whether it is on, without inputs, in the folded team settings', () => {
  const card = render(false, false);
  const section = JSON.stringify(sectionNamed(card, 'Team settings'));
  expect(section).not.toContain(INPUTS.writerKey);
  expect(section).toContain('AI first drafts');
  expect(section).not.toContain('Offer AI first drafts');
});
