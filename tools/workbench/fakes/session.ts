// Session fake (https://developers.google.com/apps-script/reference/base/session). Local: no round trips.
//
// Who the session names depends on how the execution started:
// - A card callback (homepage, contextual and compose triggers, buttons, universal actions) runs as the
//   user at the screen: getActiveUser() and getEffectiveUser() are both that user.
// - A time-driven trigger runs "under the account of the user who created the trigger": getEffectiveUser()
//   is that owner. getActiveUser() is documented to give a blank email "if security policies do not allow
//   access to the user's identity", as in any execution the user did not start; the fake takes the strict
//   reading and gives a blank email in every trigger execution, so code that identifies its user by the
//   active user in a trigger fails here before it fails in a domain.
// Where Google says nothing (the temporary key and the locale in a trigger), the fake answers for the
// trigger's owner, since neither reveals who they are.
import { createHash } from 'node:crypto';

export type SessionExecutionKind = 'card' | 'trigger';

export interface SessionOptions {
  /** The user this execution runs for: the person at the card, or the owner of the trigger. */
  userEmail: string;
  executionKind: SessionExecutionKind;
  scriptId: string;
  /** The manifest's timeZone. */
  scriptTimeZone: string;
  /** The user's locale, e.g. "en-US". */
  locale?: string;
  /** The simulated clock: the temporary user key rotates every 30 days. */
  now?: () => number;
}

const KEY_ROTATION_MS = 30 * 86_400_000;

class FakeUser implements GoogleAppsScript.Base.User {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  /** @deprecated in Apps Script */
  getUserLoginId(): string {
    throw new Error('User.getUserLoginId is deprecated');
  }
}

export class FakeSession implements GoogleAppsScript.Base.Session {
  constructor(private readonly options: SessionOptions) {}

  /** Blank in a time-driven trigger (see the header); the user at the screen in a card callback. */
  getActiveUser(): FakeUser {
    return new FakeUser(this.options.executionKind === 'trigger' ? '' : this.options.userEmail);
  }

  /** The trigger's owner in a trigger; in a card callback the same user as getActiveUser(). */
  getEffectiveUser(): FakeUser {
    return new FakeUser(this.options.userEmail);
  }

  getScriptTimeZone(): string {
    return this.options.scriptTimeZone;
  }

  /** @deprecated in Apps Script: it returned the script's time zone, so old code gets the same answer. */
  getTimeZone(): string {
    return this.options.scriptTimeZone;
  }

  /** @deprecated in Apps Script: the old name of getActiveUser. */
  getUser(): FakeUser {
    return this.getActiveUser();
  }

  /** "Unique to the active user but does not reveal the user identity ... rotates every 30 days and is unique to the script." */
  getTemporaryActiveUserKey(): string {
    const period = Math.floor((this.options.now ? this.options.now() : 0) / KEY_ROTATION_MS);
    return createHash('sha256')
      .update(`${this.options.scriptId}\n${this.options.userEmail}\n${period}`)
      .digest('base64')
      .slice(0, 43);
  }

  /** The user's language, "for example, en for English" as the reference puts it. */
  getActiveUserLocale(): string {
    return (this.options.locale || 'en').split(/[-_]/)[0].toLowerCase();
  }
}
