// The compose trigger's card: tick times to offer and insert them at the cursor of the draft being written.
import type { SlotOption } from '../core/lead-view';
import { ACTIONS } from './actions';
import { timeCheckboxes, timesHeading, zoneCity } from './times-to-offer';
import { button, card, footer, hint, paragraph, section } from './widgets';
import type { Card, Widget } from './widgets';

/** The recipient's zone, and where it came from (docs/preview.md, "Compose"). */
export interface TheirZone {
  timeZone: string;
  source: 'sidebar' | 'hubspot';
}

/** `slots` is null when the calendar could not be read; `reason` then says why. */
export function composeSlotsCard(
  slots: SlotOption[] | null,
  reason?: string,
  userTimeZone = 'UTC',
  theirs: TheirZone | null = null,
): Card {
  if (!slots || !slots.length) {
    return card({ title: 'Times to offer', name: 'compose-slots' }, [
      section(null, [paragraph(reason || 'No free time in your working hours in the coming days.')]),
    ]);
  }
  const widgets: Widget[] = [timeCheckboxes(slots, userTimeZone, theirs ? theirs.timeZone : null)];
  if (theirs) widgets.push(hint(`Their time: ${zoneCity(theirs.timeZone)}, from HubSpot.`));
  return card(
    {
      title: 'Times to offer',
      subtitle: 'Inserted where your cursor is',
      name: 'compose-slots',
      footer: footer(
        button('Insert times', ACTIONS.insertFreeTimes, theirs ? { theirZone: theirs.timeZone } : {}, {
          primary: true,
        }),
      ),
    },
    [section(timesHeading(userTimeZone), widgets)],
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
