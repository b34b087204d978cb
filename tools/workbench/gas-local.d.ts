// gas-local ships no types. Its one function loads every file of a folder that `filter` accepts into one
// vm context made from `globalObject` (vm.createContext returns an already contextified object as it is).
declare module 'gas-local' {
  export function require(
    folderPath: string,
    globalObject?: object,
    options?: { filter?: (file: string) => boolean },
  ): Record<string, unknown>;
}
