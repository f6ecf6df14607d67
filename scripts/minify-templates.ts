/**
 * A build-only Vite plugin that squeezes the whitespace out of Lit's `css` tagged templates, which
 * minifiers leave alone because template text is data to them. The sources stay pretty-printed;
 * the published files do not carry their indentation. (The element builds its DOM by hand, so
 * there are no `html` templates to squeeze.)
 *
 * Only the static text between `${…}` holes changes, and only in ways that cannot change meaning:
 * comments go, whitespace runs become one space, no space around `{ } ; , >` or after `:`, no `;`
 * before `}`. A space before `:` stays (`.a :hover` is not `.a:hover`).
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
      if (node.tag.text === 'css') rewriteTemplate(source, node.template, minifyCss, file);
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
      if (!/\/src\/[^?]*\.ts$/.test(id) || !/\bcss`/.test(code)) return null;
      return minifyTemplates(code, id);
    },
  };
}
