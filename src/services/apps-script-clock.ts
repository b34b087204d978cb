import type { Clock, Hasher } from '../core/ports';

export const appsScriptClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => Utilities.sleep(ms),
};

export const appsScriptHasher: Hasher = {
  sha256Hex(text) {
    const bytes = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8);
    return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
  },
};

export function newId(): string {
  return Utilities.getUuid();
}
