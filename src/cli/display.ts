/**
 * Anything the endpoint sent, made safe to print: control characters (terminal escapes, C1
 * controls such as U+009B) and bidirectional overrides are escaped as `\uXXXX`, and the text is
 * cut at {@link QUOTE_LIMIT} characters, "…" marking the cut.
 */
export const QUOTE_LIMIT = 80;

// C0, DEL, C1, the line and paragraph separators, and the bidirectional marks and overrides.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Escapes what a terminal would act on or reorder, and nothing else. */
export function escapeControls(text: string): string {
  return text.replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value from the server as printed: escaped, at most {@link QUOTE_LIMIT} characters. */
export function shown(text: string, limit = QUOTE_LIMIT): string {
  const escaped = escapeControls(text);
  return escaped.length > limit ? `${escaped.slice(0, limit)}…` : escaped;
}

/** A value from the server in quotes, as JSON, escaped and cut. */
export function quoted(value: unknown): string {
  return shown(JSON.stringify(value) ?? 'nothing');
}

/** The URL as printed: a `user:pass@` in it is masked. */
export function maskedUrl(url: string): string {
  return url.replace(/^(https?:\/\/)[^/?#@]*@/i, '$1***@');
}
