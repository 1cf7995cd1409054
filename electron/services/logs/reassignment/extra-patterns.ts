// The technician's extra step pattern file, loaded from Settings: validated (a clear message on a bad
// file), kept in the data folder so it survives a restart, and handed to the explainer's worker jobs.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { AppError } from '../../../common/errors.ts';
import { shippedPatterns } from './patterns.ts';
import { readPatternFile, type StepPatternSpec } from './pattern-spec.ts';

export interface StepPatternsInfo {
  shipped: number;
  extra: { name: string; count: number } | null;
}

interface Stored {
  name: string;
  text: string;
}

export class ExtraStepPatterns {
  private current: { name: string; patterns: StepPatternSpec[] } | null = null;

  /** `file`: where the loaded file is kept (none: in memory only, as in the CLI and tests). */
  constructor(private readonly file: string | null = null) {
    if (!file) return;
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
      const r = readPatternFile(stored.text);
      if (r.ok) this.current = { name: stored.name, patterns: r.patterns };
    } catch {
      // none kept yet, or unreadable: the shipped patterns alone
    }
  }

  get(): StepPatternSpec[] {
    return this.current?.patterns ?? [];
  }

  info(): StepPatternsInfo {
    return { shipped: shippedPatterns.length, extra: this.current ? { name: this.current.name, count: this.current.patterns.length } : null };
  }

  /** Replaces the extra patterns with a file's; a bad file changes nothing and says why. */
  load(name: string, text: string): StepPatternsInfo {
    const r = readPatternFile(text);
    if (!r.ok) throw new AppError('invalid_input', `${name}: ${r.message}`);
    this.current = { name, patterns: r.patterns };
    if (this.file) {
      writeFileSync(`${this.file}.tmp`, JSON.stringify({ name, text } satisfies Stored), { mode: 0o600 });
      renameSync(`${this.file}.tmp`, this.file);
    }
    return this.info();
  }

  clear(): StepPatternsInfo {
    this.current = null;
    if (this.file) rmSync(this.file, { force: true });
    return this.info();
  }
}
