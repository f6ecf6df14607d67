const NUMBER = /^\d+(\.\d+)?$/;
const LENGTH = /^\d+(\.\d+)?(px|%|em|rem|vh|vw|vmin|vmax|dvh|svh|lvh|ch|cm|mm|in|pt)$/;

/**
 * `width`/`height` as on the vendor's iframe snippet: a bare number means pixels (the snippet uses
 * both `880` and `880px`), otherwise a plain CSS length. Anything else is ignored rather than passed
 * into a style, so an attribute cannot inject CSS.
 */
export function cssLength(value: string | null | undefined): string | undefined {
  const v = (value ?? '').trim().toLowerCase();
  if (NUMBER.test(v)) return `${v}px`;
  if (LENGTH.test(v)) return v;
  return undefined;
}
