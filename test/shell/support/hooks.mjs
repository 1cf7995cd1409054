// Module resolution hook for shell tests: `electron` resolves to the fake, so the real shell code runs
// under plain Node without the Electron binary.
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('./fake-electron.ts', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
