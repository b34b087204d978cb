// The user-cache entries the sidebar reads in one getAll; settings saves clear the ones they change.
export const USER_SETTINGS_CACHE_KEY = 'settings.user';
/**
 * The team's settings, token included, kept in the user's cache for the cache window so opening a
 * message needs no Properties read. CacheService entries are private to this script and user, like the
 * script properties the token comes from; a token an admin replaces is picked up when the entry expires,
 * or at once after HubSpot rejects the old one.
 */
export const TEAM_CACHE_KEY = 'settings.team';
export const OWNERS_CACHE_KEY = 'owners';
export const LEAD_CACHE_PREFIX = 'lead:';
