// The compose trigger's card: tick times to offer and insert them at the cursor of the draft being written.
import type { SlotOption } from '../core/lead-view';
import { ACTIONS } from './actions';
import { timeCheckboxes, timesHeading } from './times-to-offer';
import { button, card, footer, paragraph, section } from './widgets';
import type { Card } from './widgets';

/** `slots` is null when the calendar could not be read; `reason` then says why. */
export function composeSlotsCard(slots: SlotOption[] | null, reason?: string, userTimeZone = 'UTC'): Card {
  if (!slots || !slots.length) {
    return card({ title: 'Times to offer', name: 'compose-slots' }, [
      section(null, [paragraph(reason || 'No free time in your working hours in the coming days.')]),
    ]);
  }
  return card(
    {
      title: 'Times to offer',
      subtitle: 'Inserted where your cursor is',
      name: 'compose-slots',
      footer: footer(button('Insert times', ACTIONS.insertFreeTimes, {}, { primary: true })),
    },
    [section(timesHeading(userTimeZone), [timeCheckboxes(slots, userTimeZone, null)])],
  );
}

/** Puts the text at the cursor of the open draft; nothing is sent. */
export function insertTextResponse(text: string): GoogleAppsScript.Card_Service.UpdateDraftActionResponse {
  return CardService.newUpdateDraftActionResponseBuilder()
    .setUpdateDraftBodyAction(
      CardService.newUpdateDraftBodyAction()
        .addUpdateContent(text, CardService.ContentType.TEXT)
        .setUpdateType(CardService.UpdateDraftBodyType.IN_PLACE_INSERT),
    )
    .build();
}
