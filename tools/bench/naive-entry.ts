// The naive baselines as one bundle entry: tools/bench/naive-bundle.ts builds it the way tools/build.ts
// builds the add-on, so the baselines run in the same Apps Script sandbox, fakes and latency model.
export { naiveSidebarOpen } from './naive-sidebar';
export { naivePoll } from './naive-poller';
