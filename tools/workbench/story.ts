// The story of a run, step by step, as the demo and `npm run workbench` print it: who did what, which
// function ran, its round trips and modelled time, errors, notifications and the card on screen.
import { countOf } from '../../src/core/plural';
import { cardLines } from './card-text';
import type { StepResult } from './runner';

export type Say = (line?: string) => void;

export function tellSteps(steps: StepResult[], say: Say): void {
  for (const step of steps) {
    const trips = step.roundTrips.length;
    say(`${step.index}. ${step.label}`);
    say(
      `   ${step.functionName ? `${step.functionName}: ` : ''}${countOf(trips, 'round trip')}, ${(step.modelledMs / 1000).toFixed(2)} s modelled`,
    );
    if (step.error) say(`   ERROR: ${step.error}`);
    if (step.notification) say(`   Notification: ${step.notification}`);
    if (step.openedDraft)
      say(
        `   Gmail opens the reply draft ${step.openedDraft.draftId} in thread ${step.openedDraft.threadId} for review.`,
      );
    if (step.insertedText) say(`   Inserted into the draft:\n${indent(step.insertedText, 6)}`);
    if (step.kind === 'poll' || step.kind === 'trigger') {
      const summary = step.returned as { message?: string; status?: string } | string | null;
      if (typeof summary === 'string') say(`   Returned: ${summary}`);
      else if (summary && summary.message) say(`   Poll run ${summary.status}: ${summary.message}`);
    }
    if (
      ['open', 'press', 'homepage', 'universal', 'compose', 'calendarEvent', 'saveSettings'].includes(
        step.kind,
      ) &&
      step.card &&
      !step.openedDraft
    ) {
      say(
        cardLines(step.card)
          .map((l) => `   | ${l}`)
          .join('\n'),
      );
    }
    say();
  }
}

export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}
