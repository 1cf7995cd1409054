// Named sets of filters and highlight rules, kept by main in logs-saved-sets.json; exported and imported
// as one JSON file with its kind and version. An import is checked whole before anything is kept: a bad
// file changes nothing and says what is wrong with it.
import { AppError } from '../../../common/errors.ts';
import { savedSetsFileSchema, savedSetsSchema, type SavedSet } from '../../../common/logs-marks.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

/** A schema problem as the technician reads it: where in the file, and what is wrong there. */
function problemInWords(issue: { code: string; path: PropertyKey[]; message: string }): string {
  const where = issue.path.map((p) => (typeof p === 'number' ? `#${p + 1}` : String(p))).join(' ') || 'the file';
  const what: Record<string, string> = {
    invalid_type: 'is missing or not the right kind of value',
    too_big: 'is too long (or has too many entries)',
    too_small: 'is empty',
    invalid_value: 'is not one of the values the app knows',
    unrecognized_keys: 'has fields the app does not know',
  };
  return issue.code === 'custom' || issue.code === 'invalid_format' ? `${where}: ${issue.message}` : `${where} ${what[issue.code] ?? 'is not valid'}`;
}

export class SavedSetStore {
  private sets: SavedSet[];

  constructor(private readonly path: string) {
    this.sets = readJsonFile(path, savedSetsSchema, []);
  }

  list(): SavedSet[] {
    return this.sets;
  }

  /** Saves a set, replacing the one of the same name. */
  save(set: SavedSet): SavedSet[] {
    if (this.sets.length >= 200 && !this.sets.some((s) => s.name === set.name)) throw new AppError('invalid_input', 'There are 200 saved sets already: delete one before saving another.');
    return this.keep([...this.sets.filter((s) => s.name !== set.name), set]);
  }

  remove(name: string): SavedSet[] {
    return this.keep(this.sets.filter((s) => s.name !== name));
  }

  /** The export file's text. */
  exportText(): string {
    return `${JSON.stringify({ kind: 'sdh-logs-saved-sets', version: 1, sets: this.sets }, null, 2)}\n`;
  }

  /** Imports a file's sets (same names replaced), all of them or none. */
  importText(fileName: string, text: string): { sets: SavedSet[]; imported: number } {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError('invalid_input', `${fileName} is not JSON, so no set was imported.`);
    }
    const parsed = savedSetsFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const what = issue.path[0] === 'kind' || issue.path[0] === 'version' ? 'it is not a saved-sets file exported by this app' : problemInWords(issue);
      throw new AppError('invalid_input', `${fileName} was not imported: ${what}. Nothing was changed.`);
    }
    const names = new Set(parsed.data.sets.map((s) => s.name));
    const merged = [...this.sets.filter((s) => !names.has(s.name)), ...parsed.data.sets];
    if (merged.length > 200) throw new AppError('invalid_input', `${fileName} was not imported: it would make more than 200 saved sets. Nothing was changed.`);
    return { sets: this.keep(merged), imported: parsed.data.sets.length };
  }

  private keep(sets: SavedSet[]): SavedSet[] {
    this.sets = savedSetsSchema.parse(sets.sort((a, b) => a.name.localeCompare(b.name)));
    writeJsonFile(this.path, this.sets);
    return this.sets;
  }
}
