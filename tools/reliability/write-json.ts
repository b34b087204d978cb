// JSON files this tool writes are committed: they are written as `prettier --check .` expects them.
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

export async function writeJson(file: string, value: unknown): Promise<void> {
  const options = (await resolveConfig(file)) || {};
  writeFileSync(file, await format(JSON.stringify(value), { ...options, filepath: file }));
}
