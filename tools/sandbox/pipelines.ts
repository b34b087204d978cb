// Deal pipelines and what HubSpot computes from them. Every account starts with the "Sales Pipeline" (id
// `default`) and its seven stages; an account may add pipelines with stage ids of its own. A deal's
// `hs_is_closed` is computed by HubSpot from its stage: true in a stage whose metadata says isClosed.
// https://developers.hubspot.com/docs/api-reference/2026-03/crm/pipelines/get-pipelines
// https://knowledge.hubspot.com/crm-deals/hubspots-default-deal-properties
import type { SeedPipeline, SeedPipelineStage } from './types';

function stage(id: string, label: string, probability: string, closed = false): SeedPipelineStage {
  return { id, label, metadata: { isClosed: closed ? 'true' : 'false', probability } };
}

/** HubSpot's default deal pipeline, with its default stage ids and probabilities. */
export const DEFAULT_DEAL_PIPELINE: SeedPipeline = {
  id: 'default',
  label: 'Sales Pipeline',
  displayOrder: 0,
  stages: [
    stage('appointmentscheduled', 'Appointment Scheduled', '0.2'),
    stage('qualifiedtobuy', 'Qualified To Buy', '0.4'),
    stage('presentationscheduled', 'Presentation Scheduled', '0.6'),
    stage('decisionmakerboughtin', 'Decision Maker Bought-In', '0.8'),
    stage('contractsent', 'Contract Sent', '0.9'),
    stage('closedwon', 'Closed Won', '1.0', true),
    stage('closedlost', 'Closed Lost', '0.0', true),
  ],
};

export function dealPipelinesOf(seeded: SeedPipeline[] | undefined): SeedPipeline[] {
  return structuredClone(seeded && seeded.length ? seeded : [DEFAULT_DEAL_PIPELINE]);
}

/** The stage of a pipeline, or undefined when the pipeline has no such stage. */
export function findStage(
  pipelines: SeedPipeline[],
  pipelineId: string,
  stageId: string,
): SeedPipelineStage | undefined {
  return pipelines.find((p) => p.id === pipelineId)?.stages.find((s) => s.id === stageId);
}
