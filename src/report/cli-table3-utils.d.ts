// cli-table3's own width function (ANSI-aware string-width), used to fix column widths exactly
// as cli-table3 would compute them, and its settling of a cell's colour codes (what it draws).
// The package has no `exports` map, so the path is public.
declare module 'cli-table3/src/utils.js' {
  const utils: { strlen(text: string): number; colorizeLines(lines: string[]): string[] };
  export default utils;
}
