// Session fake (https://developers.google.com/apps-script/reference/base/session). Local: no round trips.
import { createHash } from 'node:crypto';

export interface SessionOptions {
  /** The user running the add-on. Empty when Apps Script withholds it (a trigger run for another user). */
  activeUserEmail: string;
  /** The user whose authority the script runs with; installable triggers run as their creator. */
  effectiveUserEmail?: string;
  scriptId: string;
  /** The manifest's timeZone. */
  scriptTimeZone: string;
  locale?: string;
}

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

  getActiveUser(): FakeUser {
    return new FakeUser(this.options.activeUserEmail);
  }

  getEffectiveUser(): FakeUser {
    return new FakeUser(this.options.effectiveUserEmail ?? this.options.activeUserEmail);
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

  /** Stable per user and script, and reveals nothing about the user, as the real key. */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256')
      .update(`${this.options.scriptId}\n${this.options.activeUserEmail}`)
      .digest('base64')
      .slice(0, 43);
  }

  getActiveUserLocale(): string {
    return this.options.locale ?? 'en';
  }
}
