// GET /crm/pipelines/{version}/{objectType}: every pipeline with its stages, in display order, as
// `{results: [{id, label, displayOrder, archived, createdAt, updatedAt, stages: [{id, label, displayOrder,
// metadata, archived, createdAt, updatedAt, writePermissions}]}]}`. The sandbox knows deal pipelines only.
// https://developers.hubspot.com/docs/api-reference/2026-03/crm/pipelines/get-pipelines
import { errorReply } from '../errors';
import type { Reply } from '../errors';
import type { RouteContext } from '../router';
import { instant } from '../store';

export function listPipelines(ctx: RouteContext): Reply {
  const type = ctx.params.objectType.toLowerCase();
  if (type !== 'deals' && type !== '0-3') {
    return errorReply(400, `Unable to infer object type from: ${ctx.params.objectType}`, ctx.now, {
      category: 'VALIDATION_ERROR',
    });
  }
  const at = instant(ctx.store.seededAt);
  const order = <T extends { displayOrder?: number; label: string }>(a: T, b: T) =>
    (a.displayOrder ?? 0) - (b.displayOrder ?? 0) || a.label.localeCompare(b.label);
  const results = [...ctx.store.dealPipelines()].sort(order).map((pipeline, p) => ({
    id: pipeline.id,
    label: pipeline.label,
    displayOrder: pipeline.displayOrder ?? p,
    archived: false,
    createdAt: at,
    updatedAt: at,
    stages: pipeline.stages.map((stage, s) => ({
      id: stage.id,
      label: stage.label,
      displayOrder: stage.displayOrder ?? s,
      metadata: { ...stage.metadata },
      archived: false,
      createdAt: at,
      updatedAt: at,
      writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
    })),
  }));
  return { status: 200, body: { results } };
}
