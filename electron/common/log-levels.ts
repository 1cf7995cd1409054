// The level words of log records, without zod, so code that must start fast (the CLI's help) can name them.

/** `none`: the format carries no level; `unparsed`: the record could not be parsed and is shown raw. */
export const logLevels = ['none', 'verbose', 'debug', 'info', 'warning', 'error', 'fatal', 'unparsed'] as const;
