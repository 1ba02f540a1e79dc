/** The minimum sample every KPI gets unless configured (DESIGN §5). */
export const DEFAULT_MIN_SAMPLE = 20;

/**
 * Resolve the minimum samples from the config setting (a number, or `{ default, <kpi id>: n }`)
 * and the `--min-sample` flag. The flag, when given, applies to every KPI (the command line wins
 * over the config file); otherwise per-KPI entries override the default.
 */
export function resolveMinSample(setting: number | Record<string, number> | undefined, flag?: number): { minSample: number; byKpi: Record<string, number> } {
  if (flag !== undefined) return { minSample: flag, byKpi: {} };
  if (setting === undefined) return { minSample: DEFAULT_MIN_SAMPLE, byKpi: {} };
  if (typeof setting === 'number') return { minSample: setting, byKpi: {} };
  const { default: fallback, ...byKpi } = setting;
  return { minSample: fallback ?? DEFAULT_MIN_SAMPLE, byKpi };
}
