// The shape every CLI command shares, so help text and option parsing come from one table.
import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & {
  readonly description: string;
  readonly valueName?: string;
  /** The command cannot run without it: the dispatcher refuses with exit code 2 before run(). */
  readonly required?: true;
};

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Positional arguments, for help text, e.g. "[scenario]". */
  readonly usage?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Returns the process exit code. */
  run(args: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] }): Promise<number>;
}
