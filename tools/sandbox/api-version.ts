// HubSpot's date-based API version in the sandbox's CRM paths (/crm/objects/2026-03/..., /crm/associations/
// 2026-03/..., /crm/owners/2026-03). The one place to change when the add-on moves to a newer version.
// https://developers.hubspot.com/docs/api-reference/2026-03/overview
export const CRM_VERSION = '2026-03';
