// Where a JSON document breaks. V8's messages sometimes give a position and sometimes quote the
// text around the error instead; a configuration file may hold secrets, so the quote is dropped
// and the position is found by a small scanner that follows the JSON grammar.

/** "line 3, column 8: JSON syntax error (Expected ',' or '}' after property value)". */
export function locateJsonSyntaxError(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const reason = raw.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  const offset = firstErrorOffset(text);
  if (offset === undefined) return `JSON syntax error (${reason})`;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: JSON syntax error (${reason})`;
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Offset of the first character that breaks the grammar, or undefined if the scanner finds none. */
export function firstErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => { throw new SyntaxAt(i); };
  const skipSpace = () => { while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++; };
  const expect = (char: string) => { skipSpace(); if (text[i] !== char) fail(); i++; };
  const string = () => {
    i++;
    while (i < text.length) {
      const char = text[i] ?? '';
      if (char === '"') { i++; return; }
      if (char === '\\') i += 2;
      else if (char < ' ') fail();
      else i++;
    }
    fail();
  };
  const value = (): void => {
    skipSpace();
    const char = text[i];
    if (char === '{') {
      i++; skipSpace();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail();
        string(); expect(':'); value(); skipSpace();
        if (text[i] === ',') { i++; continue; }
        expect('}'); return;
      }
    }
    if (char === '[') {
      i++; skipSpace();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); skipSpace();
        if (text[i] === ',') { i++; continue; }
        expect(']'); return;
      }
    }
    if (char === '"') return string();
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) { i += number[0].length; return; }
    for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, i)) { i += literal.length; return; }
    fail();
  };
  try {
    value(); skipSpace();
    if (i < text.length) fail();
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxAt) return Math.min(error.offset, text.length);
    throw error;
  }
}
