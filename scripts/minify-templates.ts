/**
 * A build-only Vite plugin that squeezes the whitespace out of Lit's `css` and `html` tagged
 * templates, which minifiers leave alone because template text is data to them. The sources stay
 * pretty-printed; the published files do not carry their indentation.
 *
 * Only the static text between `${…}` holes changes, and only in ways that cannot change meaning:
 * - css: comments go, whitespace runs become one space, no space around `{ } ; , >` or after `:`,
 *   no `;` before `}`. A space before `:` stays (`.a :hover` is not `.a:hover`).
 * - html: a whitespace run that contains a line break goes entirely between a `>` and a `<`
 *   (indentation between tags) and becomes one space elsewhere; runs without a line break stay.
 */
import MagicString from 'magic-string';
import ts from 'typescript';
import type { Plugin } from 'vite';

/** Which ends of a piece of template text touch the template's own ends (not a `${…}` hole). */
export interface Edges {
  start: boolean;
  end: boolean;
}

const WHOLE: Edges = { start: true, end: true };

function trimEdges(text: string, edges: Edges): string {
  if (edges.start) text = text.trimStart();
  if (edges.end) text = text.trimEnd();
  return text;
}

export function minifyCss(text: string, edges: Edges = WHOLE): string {
  const squeezed = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}');
  return trimEdges(squeezed, edges);
}

export function minifyHtml(text: string, edges: Edges = WHOLE): string {
  const squeezed = text.replace(/\s*\n\s*/g, (run: string, offset: number, whole: string) => {
    const before = whole[offset - 1];
    const after = whole[offset + run.length];
    // Next to a hole the whitespace may separate text from the hole's content: keep one space.
    if (before === undefined) return edges.start ? '' : ' ';
    if (after === undefined) return edges.end ? '' : ' ';
    return before === '>' && after === '<' ? '' : ' ';
  });
  return squeezed;
}

type Minifier = (text: string, edges: Edges) => string;

function rewriteTemplate(source: MagicString, template: ts.TemplateLiteral, minify: Minifier, file: ts.SourceFile): void {
  // Each literal piece spans `…` or `…${ or }…${ or }…`: rewrite what lies between the delimiters.
  const pieces: ts.Node[] = ts.isNoSubstitutionTemplateLiteral(template)
    ? [template]
    : [template.head, ...template.templateSpans.map((span) => span.literal)];
  pieces.forEach((piece, index) => {
    const last = index === pieces.length - 1;
    const start = piece.getStart(file) + 1; // after ` or }
    const end = piece.getEnd() - (last ? 1 : 2); // before ` or ${
    const raw = file.text.slice(start, end);
    const next = minify(raw, { start: index === 0, end: last });
    if (next === raw) return;
    if (next === '') source.remove(start, end);
    else source.overwrite(start, end, next);
  });
}

export function minifyTemplates(code: string, id: string): { code: string; map: ReturnType<MagicString['generateMap']> } | null {
  const file = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const source = new MagicString(code);
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
      const minify: Minifier | null = node.tag.text === 'css' ? minifyCss : node.tag.text === 'html' ? minifyHtml : null;
      if (minify) rewriteTemplate(source, node.template, minify, file);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!source.hasChanged()) return null;
  return { code: source.toString(), map: source.generateMap({ hires: true, source: id }) };
}

export function minifyTemplatesPlugin(): Plugin {
  return {
    name: 'livedigital-minify-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/[^?]*\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      return minifyTemplates(code, id);
    },
  };
}
