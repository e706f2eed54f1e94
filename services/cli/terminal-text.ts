// Text from other states (headlines, units, notes, reasons) printed in an officer's terminal. A
// terminal obeys what it prints: an escape sequence can clear the screen, move the cursor over
// earlier lines or set the window title, a line separator or CR can start a fake line, and a
// bidirectional override can make text read differently from what it is. Every such sequence
// or character is shown as U+FFFD instead; line breaks and tabs become spaces, so one item stays
// one line.

/** Shown where a control sequence or character was. */
export const REPLACEMENT = '\uFFFD';

/**
 * Escape sequences, longest first: strings (OSC, DCS, SOS, PM, APC) up to their terminator (BEL
 * or ESC \); CSI with its parameters, 7-bit and 8-bit; and any other ESC with its intermediate
 * and final bytes. An unterminated one loses its ESC below, which makes the rest plain text.
 */
const ESCAPE_SEQUENCES = /\u001b[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b[ -/]*[0-~]/g;

/** Tab, LF, CR and the line and paragraph separators: a break in the line, shown as a space. */
const LINE_BREAKS = /[\t\n\r\u2028\u2029]/g;

/**
 * Every other C0 control, DEL and C1, and the bidirectional controls: embeddings and overrides
 * (U+202A-202E), isolates (U+2066-2069) and the marks (U+200E, U+200F, U+061C).
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text as it may be printed in a terminal: nothing in it is a command to the terminal. */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, REPLACEMENT).replace(LINE_BREAKS, ' ').replace(CONTROLS, REPLACEMENT);
}

/**
 * JSON for a terminal: JSON.stringify already escapes C0 controls inside strings but not DEL, C1,
 * the line separators or bidirectional controls; they are written as \u escapes, which keeps the
 * JSON equal to what it was.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
