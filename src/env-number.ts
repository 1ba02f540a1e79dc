/**
 * A number setting from the environment (`TEAMKPI_WORKERS`, `TEAMKPI_MAX_ROWS` …), so tests,
 * benchmarks and users with unusual machines can move a limit: the variable's value when it is a
 * finite number, else `fallback` (unset, empty or not a number).
 */
export function envNumber(name: string, fallback: number): number {
  const v = process.env[name];
  return v === undefined || v === '' || !Number.isFinite(Number(v)) ? fallback : Number(v);
}
