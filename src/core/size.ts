const LENGTH = /^\d+(\.\d+)?(px|%|em|rem|vh|vw|vmin|vmax|dvh|svh|lvh|ch|cm|mm|in|pt)?$/;

/**
 * `width`/`height` as on the vendor's iframe snippet: a bare number means pixels (the snippet uses
 * both `880` and `880px`), otherwise a plain CSS length. Anything else is ignored rather than passed
 * into a style, so an attribute cannot inject CSS.
 */
export function cssLength(value: string | null | undefined): string | undefined {
  const v = (value ?? '').trim().toLowerCase();
  const length = LENGTH.exec(v);
  return length ? v + (length[2] ? '' : 'px') : undefined;
}
