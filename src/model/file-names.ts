/**
 * File names by number, for columns that keep the file of each row: `indexOf` adds a name on
 * first use, and remembers the last name asked for (rows come file by file, so most calls are
 * one comparison).
 */
export class FileNames {
  private last: string | null = null;
  private lastIndex = -1;

  constructor(readonly names: string[] = []) {}

  indexOf(file: string): number {
    if (file !== this.last) {
      this.last = file;
      this.lastIndex = this.names.indexOf(file);
      if (this.lastIndex < 0) this.lastIndex = this.names.push(file) - 1;
    }
    return this.lastIndex;
  }
}
