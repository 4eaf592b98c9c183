import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Attributes a person reads or hears (tooltips, placeholders, screen readers) and our components' labels. */
const VISIBLE_ATTRIBUTES = new Set([
  'title',
  'placeholder',
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'alt',
  'label',
  'description',
  'hint',
  'message',
  'confirmLabel',
  'busyLabel',
  'emptyLabel',
]);

/** Calls whose first argument a person reads: toasts and the error lines of forms. */
const SAYS_TO_PEOPLE = /^(toast\.(success|info)|set(Error|Problem))$/;

/** Words that read the same in every language: the product's and WhatsApp's names. */
const ALLOWED = new Set(['Switchboard', 'WhatsApp', 'API', 'CSV', 'JSON', 'QR', 'URL', 'ID']);

export interface HardCodedText {
  file: string;
  line: number;
  text: string;
}

/** Text with at least one letter that is not a brand name: digits, punctuation and symbols pass. */
function needsTranslation(raw: string): boolean {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!/\p{L}/u.test(text)) return false;
  // An example address reads the same in every language.
  if (/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text)) return false;
  return !text
    .split(/[^\p{L}\d]+/u)
    .every((word) => word === '' || ALLOWED.has(word) || !/\p{L}/u.test(word));
}

/** Every piece of JSX text, and every string given to a visible attribute, in one `.tsx` source. */
export function findHardCodedText(fileName: string, source: string): Omit<HardCodedText, 'file'>[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Omit<HardCodedText, 'file'>[] = [];
  const report = (node: ts.Node, text: string) => {
    if (needsTranslation(text))
      found.push({ line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const value = node.initializer;
      if (ts.isStringLiteral(value)) report(value, value.text);
      if (ts.isJsxExpression(value) && value.expression) {
        const inner = value.expression;
        if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) report(inner, inner.text);
        if (ts.isTemplateExpression(inner))
          report(
            inner,
            [inner.head, ...inner.templateSpans.map((s) => s.literal)].map((p) => p.text).join(' '),
          );
      }
    }
    // Words handed to a toast or to a form's error line are read as well.
    if (ts.isCallExpression(node) && SAYS_TO_PEOPLE.test(node.expression.getText(sf))) {
      const first = node.arguments[0];
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)))
        report(first, first.text);
      if (first && ts.isTemplateExpression(first))
        report(
          first,
          [first.head, ...first.templateSpans.map((s) => s.literal)].map((p) => p.text).join(' '),
        );
    }
    if (
      ts.isJsxExpression(node) &&
      node.parent &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      const inner = node.expression;
      if (inner && (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)))
        report(inner, inner.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') && !entry.name.endsWith('.test.tsx') ? [path] : [];
  });
}

/** The hard-coded text of every dashboard component under `root`. */
export function scanComponents(root: string): HardCodedText[] {
  return tsxFiles(root).flatMap((path) =>
    findHardCodedText(path, readFileSync(path, 'utf8')).map((hit) => ({
      file: relative(root, path),
      ...hit,
    })),
  );
}
