// An exported trail: JSON Lines, one stored record per line, in stream order, so a copy taken off
// the leaf can be verified later (`tipnet audit verify --file`). A line that is not JSON is kept
// as its text, which verification reports as malformed at that line.

export function trailFileText(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(value)}\n`).join('');
}

export function parseTrailFile(text: string): unknown[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      return line;
    }
  });
}
