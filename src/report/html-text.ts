/** Escape text for HTML element content and quoted attribute values (also inside inline SVG). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * Text from the data as a bidi isolate (FSI … PDI), for SVG text and tooltips, where `<bdi>` cannot
 * go: a right-to-left name, or a stray direction override in it, cannot reorder what follows it.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Created on first use: building a Segmenter loads ICU break data (tens of ms), which every
// command would otherwise pay at start-up even when no HTML is written.
let segmenter: Intl.Segmenter | null = null;

/** Shorten to at most `max` user-perceived characters (emoji and accents stay whole), with `…`. */
export function truncateText(text: string, max: number): string {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const graphemes = Array.from(segmenter.segment(text), (s) => s.segment);
  return graphemes.length <= max ? text : graphemes.slice(0, max - 1).join('') + '…';
}

/** A number with thousands separators (fixed `en` style, so output does not depend on the machine's locale). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
