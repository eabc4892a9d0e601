// Text from Prometheus or Kubernetes (member names, label values, error texts) made safe for where it goes.
// Terminal: control characters (ESC starts colour, title-change and clear-screen sequences) are removed.
// Everywhere text is shown (terminal, HTML, markdown, chat, tables, webviews): bidirectional controls are replaced
// by a visible escape, because U+202E and friends reorder the rest of the line on screen (a member name could make
// "critical" read as "healthy" or hide part of a message) while the bytes stay the same.

/** Embedding/override (U+202A–202E), isolates (U+2066–2069), LRM/RLM (U+200E/F) and the Arabic letter mark. */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

/** Each bidirectional control becomes the visible text `<U+202E>`. */
export function neutralizeBidi(text: unknown): string {
  return String(text ?? '').replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** For a terminal or a one-line message: control characters become one space, bidi controls visible escapes. */
export function terminalSafe(text: unknown): string {
  return neutralizeBidi(String(text ?? '').replace(CONTROL, ' '));
}

export function hasBidiControls(text: string): boolean {
  BIDI.lastIndex = 0;
  return BIDI.test(text);
}
