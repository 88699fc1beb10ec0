// HTML read without a DOM: a cheap measure of a page's shape (nesting depth, element count) taken
// before handing it to linkedom and Readability, and a plain tag-stripping text extraction for
// the pages that fail it. Readability's cost grows faster than the square of the nesting depth
// (a 1.1 MB page of 100,000 nested <div>s never finished; 20,000 levels overflow the stack) and
// linkedom's with the element count (300,000 elements: 12 s, 670 MB), while real news pages are
// shallow (the deepest of 181 in the extraction benchmark: 51 levels). Both functions here are
// one linear pass over the string.

/**
 * Limits of the DOM path (linkedom, Readability). Real news pages are far inside them (of the
 * 181 pages of the extraction benchmark: depth at most 51, at most 1,596 elements); at the
 * limits Readability takes about 0.5 s (100 levels) and 2.5 s (20,000 elements).
 */
export const DOM_LIMITS = { maxDepth: 100, maxElements: 20_000 } as const;

/** Elements that never hold children. */
const VOID = new Set(["area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "image", "img", "input", "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr"]);
/** Where "<x/>" closes itself: inside svg and math, not inside these (htmlparser2's rules). */
const FOREIGN = new Set(["svg", "math"]);
const INTEGRATION = new Set(["mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc", "title"]);
/** Elements whose content the parser (htmlparser2, under linkedom) reads as raw text to their end tag. */
const RAW = new Set(["script", "style", "title", "textarea", "xmp"]);
/**
 * Opening one of these closes an open element of the listed kinds first, as htmlparser2 does:
 * `<p>a<p>b` and `<li>a<li>b` are siblings, not nested.
 */
const P_CLOSERS = ["address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul"];
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ...P_CLOSERS.map((t) => [t, new Set(["p"])] as [string, Set<string>]),
  ["li", new Set(["li"])],
  ["dt", new Set(["dt", "dd"])],
  ["dd", new Set(["dt", "dd"])],
  ["tr", new Set(["tr", "th", "td"])],
  ["td", new Set(["thead", "th", "td"])],
  ["th", new Set(["th"])],
  ["option", new Set(["option"])],
  ["optgroup", new Set(["optgroup", "option"])],
  ["tbody", new Set(["thead", "tbody"])],
  ["tfoot", new Set(["thead", "tbody"])],
  ["rt", new Set(["rt", "rp"])],
  ["rp", new Set(["rt", "rp"])],
]);

interface Tag {
  /** Lower-cased name. */
  name: string;
  close: boolean;
  selfClosing: boolean;
  /** Offsets of the tag itself. */
  start: number;
  end: number;
  /** For a raw-text element (script, title, ...): where its text ends (its end tag starts). */
  rawEnd?: number;
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;

/** Where the raw text of `name` ends: the start of its end tag, or the end of the string. */
function rawEnd(html: string, name: string, from: number): number {
  const re = new RegExp(`</${name}[\\s/>]`, "gi");
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index : html.length;
}

/**
 * The tags of a page in order, read the way htmlparser2 reads them: comments and declarations
 * passed over, quoted attribute values may hold "<" and ">", raw-text elements (script, style,
 * title, textarea, xmp) end only at their own end tag. Each character is looked at a bounded
 * number of times, so the pass is linear whatever the input.
 */
export function* htmlTags(html: string): Generator<Tag> {
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt < 0) return;
    const c = html.charCodeAt(lt + 1);
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      if (html.startsWith("<!--", lt)) {
        const end = html.indexOf("-->", lt + 4);
        i = end < 0 ? n : end + 3;
      } else if (html.startsWith("<![CDATA[", lt)) {
        const end = html.indexOf("]]>", lt + 9);
        i = end < 0 ? n : end + 3;
      } else {
        const end = html.indexOf(">", lt + 2);
        i = end < 0 ? n : end + 1;
      }
      continue;
    }
    const close = c === 47; /* / */
    let j = close ? lt + 2 : lt + 1;
    if (!isLetter(html.charCodeAt(j))) {
      if (close) {
        // "</ " and the like: a bogus comment up to the next ">".
        const end = html.indexOf(">", j);
        i = end < 0 ? n : end + 1;
      } else i = lt + 1; // a "<" in text
      continue;
    }
    const nameStart = j;
    while (j < n && !isSpace(html.charCodeAt(j)) && html.charCodeAt(j) !== 47 && html.charCodeAt(j) !== 62) j++;
    const name = html.slice(nameStart, j).toLowerCase();
    // Attributes: a value quoted after "=" may hold ">" (an unclosed one runs to the end of the
    // input); a quote anywhere else is part of a name, as in the parser.
    let selfClosing = false;
    while (j < n) {
      const d = html.charCodeAt(j);
      if (d === 62 /* > */) break;
      if (d === 61 /* = */) {
        j++;
        while (j < n && isSpace(html.charCodeAt(j))) j++;
        const q = html.charCodeAt(j);
        if (q === 34 || q === 39) {
          const e = html.indexOf(q === 34 ? '"' : "'", j + 1);
          j = e < 0 ? n : e + 1;
        }
        selfClosing = false;
        continue;
      }
      selfClosing = d === 47 && html.charCodeAt(j + 1) === 62;
      j++;
    }
    if (j >= n) return; // a tag cut off at the end of the input is no element
    const tag: Tag = { name, close, selfClosing, start: lt, end: j + 1 };
    i = j + 1;
    if (!close && RAW.has(name) && !selfClosing) {
      tag.rawEnd = rawEnd(html, name, i);
      i = tag.rawEnd;
    }
    yield tag;
  }
}

export interface HtmlShape {
  /** Deepest element nesting seen (stops counting past the limit). */
  depth: number;
  elements: number;
  /** True when the page passed either limit. */
  over: boolean;
}

/** Nesting depth and element count as the parser would build them, within the limits. */
export function measureHtml(html: string, limits: { maxDepth: number; maxElements: number }): HtmlShape {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let depth = 0;
  let elements = 0;
  // As the parser keeps it: pushed by an svg, math or integration start tag, popped by any end
  // tag of those names (not by implied closes); "<x/>" closes itself when the top is true.
  const foreign: boolean[] = [false];
  const pop = (): void => {
    const t = stack.pop()!;
    open.set(t, open.get(t)! - 1);
  };
  for (const tag of htmlTags(html)) {
    const name = tag.name;
    if (tag.close) {
      if (FOREIGN.has(name) || INTEGRATION.has(name)) foreign.shift();
      // An end tag closes the nearest open element of its name and everything inside it; a
      // stray one closes nothing.
      if ((open.get(name) ?? 0) > 0) {
        while (stack[stack.length - 1] !== name) pop();
        pop();
      }
      continue;
    }
    elements++;
    if (elements > limits.maxElements) return { depth, elements, over: true };
    const closes = IMPLIES_CLOSE.get(name);
    while (closes && stack.length && closes.has(stack[stack.length - 1]!)) pop();
    if (VOID.has(name)) continue;
    if (FOREIGN.has(name)) foreign.unshift(true);
    else if (INTEGRATION.has(name)) foreign.unshift(false);
    // A raw-text element holds no tags (its end tag was passed over with its text).
    if (tag.rawEnd !== undefined || (tag.selfClosing && foreign[0])) continue;
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (stack.length > depth) {
      depth = stack.length;
      if (depth > limits.maxDepth) return { depth, elements, over: true };
    }
  }
  return { depth, elements, over: false };
}

/** Block elements: a paragraph break in plain text (the same list the DOM path uses). */
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
  "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
  "th", "thead", "tr", "ul", "caption",
]);
/** Elements whose content is never article text: dropped with everything inside them. */
const DROP = new Set(["script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "head", "title", "button", "select", "textarea", "nav", "footer", "aside", "header", "figure", "math", "xmp"]);

const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", ndash: "\u2013", mdash: "\u2014",
  hellip: "\u2026", lsquo: "\u2018", rsquo: "\u2019", ldquo: "\u201c", rdquo: "\u201d", laquo: "\u00ab",
  raquo: "\u00bb", copy: "\u00a9", reg: "\u00ae", trade: "\u2122", euro: "\u20ac", pound: "\u00a3",
  yen: "\u00a5", cent: "\u00a2", deg: "\u00b0", middot: "\u00b7", bull: "\u2022", times: "\u00d7",
  eacute: "\u00e9", egrave: "\u00e8", aacute: "\u00e1", agrave: "\u00e0", oacute: "\u00f3", uuml: "\u00fc",
  ouml: "\u00f6", auml: "\u00e4", ccedil: "\u00e7", ntilde: "\u00f1", szlig: "\u00df", shy: "\u00ad",
};

/** Decodes character references: numeric ones and the common named ones (others stay as written). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (all, ref: string) => {
    if (ref[0] === "#") {
      const cp = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : "\ufffd";
    }
    return NAMED[ref] ?? NAMED[ref.toLowerCase()] ?? all;
  });
}

/**
 * Plain text of a page without building a DOM: furniture and scripts dropped, block elements as
 * paragraphs, inline white space collapsed. Used when a page is too deep or too large for the
 * DOM path; never recursive, linear in the length.
 */
export function htmlToPlainText(html: string): string {
  const paras: string[] = [];
  let line = "";
  let lines: string[] = [];
  const flushLine = (): void => {
    const t = decodeEntities(line).replace(/[ \t\f\r\n\u00a0]+/g, " ").trim();
    if (t) lines.push(t);
    line = "";
  };
  const flushPara = (): void => {
    flushLine();
    if (lines.length) paras.push(lines.join("\n"));
    lines = [];
  };
  let at = 0;
  // Inside a dropped element: its name and how many of them are open.
  let dropping: string | null = null;
  let dropDepth = 0;
  for (const tag of htmlTags(html)) {
    if (dropping === null) line += html.slice(at, tag.start);
    at = tag.rawEnd ?? tag.end;
    if (dropping !== null) {
      if (tag.name === dropping && !tag.selfClosing && tag.rawEnd === undefined) dropDepth += tag.close ? -1 : 1;
      if (dropDepth === 0) dropping = null;
      continue;
    }
    if (DROP.has(tag.name)) {
      if (!tag.close && tag.rawEnd === undefined && !tag.selfClosing && !VOID.has(tag.name)) {
        dropping = tag.name;
        dropDepth = 1;
      }
      continue;
    }
    if (tag.name === "br") flushLine();
    else if (BLOCK.has(tag.name)) flushPara();
    else if (tag.close && (tag.name === "td" || tag.name === "th")) line += " ";
  }
  if (dropping === null) line += html.slice(at);
  flushPara();
  return paras.join("\n\n");
}

/** The text of a page's <title>, found without a DOM. */
export function plainTitle(html: string): string | undefined {
  const m = /<title\b[^<>]*>([^<]{1,1000})/i.exec(html.slice(0, 256 * 1024));
  const t = m ? decodeEntities(m[1]!).replace(/\s+/g, " ").trim() : "";
  return t || undefined;
}
