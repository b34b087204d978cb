// The first admin. Script properties are shared by everyone the add-on is installed for, so "whoever saves
// Settings first" cannot be how a deployment gets its admin: a domain install reaches every rep before
// any admin has configured anything. Nobody is an admin until someone who can edit the Apps Script
// project (and so could change the code anyway) runs this function from the editor; admins name more
// admins in the `admins` script property (docs/deployment.md, "The first admin").
import { readTeamConfig, writeAdmins } from '../services/settings-store';
import { AppContext } from './context';
import { deliverAudit } from './handler';

/** What everyone reads while the deployment has no admin. */
export const NO_ADMIN_YET =
  'No admin is set up yet, so nobody can change team settings from the add-on: someone who can edit the Apps Script project runs claimFirstAdmin from the editor (see the deployment guide).';

/** Run once from the Apps Script editor: makes the person running it the first admin, if there is none. */
export function claimFirstAdmin(): string {
  const ctx = new AppContext('trigger');
  const email = ctx.userEmail;
  let message: string;
  if (!email) {
    message = 'Apps Script did not say who is running this; run it from the editor while signed in.';
  } else if (!ctx.scriptLock.tryLock(5_000)) {
    message = 'Someone else is changing the settings right now; run it again in a moment.';
  } else {
    try {
      // Read again under the lock: two editors running this at once must not both become "the first".
      ctx.scriptStore.reload();
      const admins = readTeamConfig(ctx.scriptStore).admins;
      if (admins.length) {
        message = `The add-on already has admins (${admins.join(', ')}); an admin adds more in the script property "admins".`;
      } else {
        writeAdmins(ctx.scriptStore, [email]);
        ctx.audit().record('config_change', {
          resourceType: 'setting',
          resourceId: 'admins',
          outcome: 'success',
          summary: `${email} became the first admin (claimFirstAdmin, run from the script editor)`,
          details: { changes: [{ field: 'admins', old: null, new: email }] },
        });
        message = `${email} is now the admin of Prospector's team settings.`;
      }
    } finally {
      ctx.scriptLock.release();
    }
  }
  deliverAudit(ctx);
  console.log(message);
  return message;
}
