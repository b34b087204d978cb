// The compose trigger's card: pick free times and insert them at the cursor of the draft being written.
import type { SlotOption } from '../core/lead-view';
import { ACTIONS, INPUTS } from './actions';
import { button, card, checkboxes, paragraph, section } from './widgets';
import type { Card, Widget } from './widgets';

const MAX_SLOTS = 20;
const PRESELECTED_SLOTS = 2;

/** `slots` is null when the calendar could not be read; `reason` then says why. */
export function composeSlotsCard(slots: SlotOption[] | null, reason?: string): Card {
  const widgets: Widget[] =
    slots && slots.length
      ? [
          checkboxes(
            INPUTS.slots,
            'Times to offer (your time)',
            slots.slice(0, MAX_SLOTS).map((slot, i) => ({
              text: slot.userLabel,
              value: String(slot.start),
              selected: i < PRESELECTED_SLOTS,
            })),
          ),
          button('Insert', ACTIONS.insertFreeTimes, {}, { primary: true }),
        ]
      : [paragraph(reason || 'No free times in your working hours within the search window.')];
  return card({ title: 'Insert free times', name: 'compose-slots' }, [section(null, widgets)]);
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
