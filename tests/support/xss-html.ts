/**
 * Hostile text for the stored-XSS test, and a small HTML tokenizer that reads a page the way a
 * browser's tokenizer does (tags, attributes, comments, raw-text and RCDATA elements), so the test
 * can count the <script> elements and the attributes a browser would really see, not guess with
 * regular expressions.
 */

/** What an attacker types; every variant must come back as text. */
export const VARIANTS = [
  `<script>window.__xss=1</script>`,
  `<img src=x onerror=alert(1)>`,
  `"><svg onload=alert(1)>`,
  `javascript:alert(1)`,
  `</textarea><script>alert(2)</script>`,
  `</style></title>]]><!--{{7*7}}\${alert(1)}`,
] as const;

/** Raw fragments that must never appear in a page's bytes: each one means markup broke out. */
export const RAW_BREAKOUTS = ["<script>window.__xss", "<script>alert(", "<img src=x onerror", "<svg onload", "<!--{{7*7}}"] as const;

/** The marker naming a field: ASCII, no markup, never a substring of another field's. */
export const markerOf = (field: string) => `[xss ${field}]`;

/**
 * The field's hostile text: its marker followed by as many variants as fit in `max` characters
 * (`lead` puts something first, e.g. "=" to try a spreadsheet formula).
 */
export function hostile(field: string, max = 2000, lead = ""): string {
  let s = `${lead}${markerOf(field)}`;
  for (const v of VARIANTS) if (s.length + 1 + v.length <= max) s += ` ${v}`;
  return s;
}

export interface StartTag {
  name: string;
  attrs: [string, string][];
  /** For <script>, <style>, <textarea> and <title>: their contents (decoded for the last two). */
  content?: string;
  /** Where the tag starts in the page. */
  at: number;
}

export interface ParsedPage {
  tags: StartTag[];
  /** Every text node and attribute value, entities decoded: what a reader (or a screen reader) gets. */
  text: string;
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

const RAW_TEXT = new Set(["script", "style"]);
const RCDATA = new Set(["textarea", "title"]);
const SPACE = /[\t\n\f\r ]/;

/** Tokenizes HTML as the HTML standard's tokenizer does for the states a page can reach. */
export function parseHtml(html: string): ParsedPage {
  const tags: StartTag[] = [];
  const text: string[] = [];
  let i = 0;
  const n = html.length;
  const closeOf = (name: string, from: number) => {
    const at = html.toLowerCase().indexOf(`</${name}`, from);
    return at === -1 ? n : at;
  };
  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt === -1) {
      text.push(decodeEntities(html.slice(i)));
      break;
    }
    if (lt > i) text.push(decodeEntities(html.slice(i, lt)));
    i = lt;
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (html[i + 1] === "!" || html[i + 1] === "?") {
      const end = html.indexOf(">", i);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (html[i + 1] === "/" && /[a-z]/i.test(html[i + 2] ?? "")) {
      const end = html.indexOf(">", i);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (!/[a-z]/i.test(html[i + 1] ?? "")) {
      text.push("<");
      i++;
      continue;
    }
    // A start tag: its name, then attributes until ">".
    let j = i + 1;
    while (j < n && !SPACE.test(html[j]!) && html[j] !== "/" && html[j] !== ">") j++;
    const tag: StartTag = { name: html.slice(i + 1, j).toLowerCase(), attrs: [], at: i };
    while (j < n && html[j] !== ">") {
      if (SPACE.test(html[j]!) || html[j] === "/") {
        j++;
        continue;
      }
      let k = j + 1;
      while (k < n && !SPACE.test(html[k]!) && html[k] !== "/" && html[k] !== ">" && html[k] !== "=") k++;
      const name = html.slice(j, k).toLowerCase();
      while (k < n && SPACE.test(html[k]!)) k++;
      let value = "";
      if (html[k] === "=") {
        k++;
        while (k < n && SPACE.test(html[k]!)) k++;
        const quote = html[k];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, k + 1);
          value = html.slice(k + 1, end === -1 ? n : end);
          k = end === -1 ? n : end + 1;
        } else {
          const start = k;
          while (k < n && !SPACE.test(html[k]!) && html[k] !== ">") k++;
          value = html.slice(start, k);
        }
      }
      tag.attrs.push([name, decodeEntities(value)]);
      text.push(decodeEntities(value));
      j = k;
    }
    i = j + 1;
    if (RAW_TEXT.has(tag.name) || RCDATA.has(tag.name)) {
      const end = closeOf(tag.name, i);
      const body = html.slice(i, end);
      tag.content = RCDATA.has(tag.name) ? decodeEntities(body) : body;
      if (RCDATA.has(tag.name)) text.push(tag.content);
      i = end;
    }
    tags.push(tag);
  }
  return { tags, text: text.join("\n") };
}

const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "poster", "data"]);

/**
 * What a browser would run from this page beyond the app's own scripts: event-handler
 * attributes, javascript: addresses, and scripts without the page's nonce or from elsewhere.
 */
export function dangers(page: ParsedPage, nonce: string): { at: number; what: string }[] {
  const found: { at: number; what: string }[] = [];
  for (const tag of page.tags) {
    const flag = (what: string) => found.push({ at: tag.at, what });
    for (const [name, value] of tag.attrs) {
      if (name.startsWith("on")) flag(`<${tag.name} ${name}="${value.slice(0, 60)}">`);
      const address = value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
      if (URL_ATTRIBUTES.has(name) && /^(javascript|vbscript|data:text\/html)/.test(address)) flag(`<${tag.name} ${name}="${value.slice(0, 60)}">`);
    }
    if (tag.name === "script") {
      const attrs = new Map(tag.attrs);
      if (attrs.get("nonce") !== nonce) flag(`<script> without the page's nonce: ${JSON.stringify(tag.attrs)} ${(tag.content ?? "").slice(0, 80)}`);
      const src = attrs.get("src");
      if (src !== undefined && !src.startsWith("/build/")) flag(`<script src="${src}">`);
      // Inside a script, "<!--" and "<script" change how the tokenizer finds its end.
      if (/<!--|<script/i.test(tag.content ?? "")) flag(`<script> whose text holds "<!--" or "<script": ${(tag.content ?? "").slice(0, 80)}`);
    }
    if (["iframe", "object", "embed", "base"].includes(tag.name)) flag(`<${tag.name}>`);
    if (tag.name === "meta" && tag.attrs.some(([k, v]) => k === "http-equiv" && v.toLowerCase() === "refresh")) flag(`<meta http-equiv=refresh>`);
  }
  return found;
}

/** The field whose marker comes last before `offset` in the page: the field a breakout there came from. */
export function fieldBefore(html: string, offset: number): string {
  const at = html.lastIndexOf("[xss ", offset);
  if (at === -1) return "?";
  const end = html.indexOf("]", at);
  return html.slice(at + 5, end === -1 ? at + 60 : end);
}
