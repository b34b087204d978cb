// The add-on's Gmail label id, learned by riding an open's first fetchAll when the user's store does not
// know it yet: "Create reply draft" then labels its draft in one round trip (Mailbox.labelPrepared)
// instead of first asking Gmail whether the label exists.
import { constantCall } from '../core/http';
import type { Rider } from '../core/lead-view';
import { PREPARED_LABEL_ID_KEY } from '../core/ports';
import type { AppContext } from './context';

export interface LabelRide {
  rider: Rider;
  /** The id learned, for the open's one write of the user's store, or null when Gmail did not say. */
  learned(): Record<string, string>;
}

export function labelRide(ctx: AppContext): LabelRide | null {
  if (ctx.userStore.get(PREPARED_LABEL_ID_KEY)) return null;
  let id: string | null = null;
  const find = ctx.mailbox.findPreparedLabel();
  return {
    rider: {
      first: () => ({
        requests: find.requests,
        parse: (responses) => {
          id = find.parse(responses);
          return id;
        },
      }),
      second: () => constantCall(null),
    },
    learned: (): Record<string, string> => (id ? { [PREPARED_LABEL_ID_KEY]: id } : {}),
  };
}
