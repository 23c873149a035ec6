import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Font } from "@react-pdf/renderer";

/** The families the components name in their styles. */
export const SANS = "IBM Plex Sans";
export const MONO = "JetBrains Mono";

/**
 * The folder holding the TTFs. Beside this module when it runs from source (vitest, `node --import
 * tsx`, the PDF worker); from the working directory when this code has been bundled elsewhere.
 */
export function fontsDir(): string {
  const candidates = [
    process.env.PDF_FONTS_DIR,
    (() => {
      try {
        return fileURLToPath(new URL("./fonts/", import.meta.url));
      } catch {
        return undefined;
      }
    })(),
    path.resolve(process.cwd(), "app/pdf/fonts"),
  ];
  for (const dir of candidates) {
    if (dir && fs.existsSync(path.join(dir, "IBMPlexSans-Regular.ttf"))) return dir;
  }
  throw new Error(`PDF fonts not found (looked in ${candidates.filter(Boolean).join(", ")})`);
}

/** Words as they are; a word of more than 30 characters in pieces of 15 it may break between. */
export function splitOverlongWord(word: string): string[] {
  if (word.length <= 30) return [word];
  return word.match(/.{1,15}/gsu) ?? [word];
}

const REGISTERED = Symbol.for("charter.pdf.fontsRegistered");
const LOADED = Symbol.for("charter.pdf.fontsLoaded");
type Flagged = typeof globalThis & { [REGISTERED]?: boolean; [LOADED]?: Promise<void> };

const FACES = [
  { fontFamily: SANS, fontWeight: 400, fontStyle: "normal" },
  { fontFamily: SANS, fontWeight: 400, fontStyle: "italic" },
  { fontFamily: SANS, fontWeight: 600, fontStyle: "normal" },
  { fontFamily: SANS, fontWeight: 700, fontStyle: "normal" },
  { fontFamily: MONO, fontWeight: 400, fontStyle: "normal" },
] as const;

/** Registers the document fonts with react-pdf, once per process however often it is called. */
export function registerFonts(): void {
  const g = globalThis as Flagged;
  if (g[REGISTERED]) return;
  const dir = fontsDir();
  const file = (name: string) => path.join(dir, name);
  Font.register({
    family: SANS,
    fonts: [
      { src: file("IBMPlexSans-Regular.ttf"), fontWeight: 400 },
      { src: file("IBMPlexSans-Italic.ttf"), fontWeight: 400, fontStyle: "italic" },
      { src: file("IBMPlexSans-SemiBold.ttf"), fontWeight: 600 },
      { src: file("IBMPlexSans-Bold.ttf"), fontWeight: 700 },
    ],
  });
  Font.register({ family: MONO, src: file("JetBrainsMono-Regular.ttf") });
  // react-pdf's default hyphenation splits words at odd places ("Bran-ch"): wrap at spaces only.
  // Except that a "word" longer than any real one (a pasted URL, a reference) would run past the
  // margin and be cut off: it may break every 15 characters, with a hyphen where it does.
  Font.registerHyphenationCallback(splitOverlongWord);
  g[REGISTERED] = true;
}

/**
 * Registers the fonts and parses them, once per process; afterwards every render finds them ready.
 *
 * It also removes a cost react-pdf pays on every run of text: it hands pdfkit the parsed font
 * without a name, so pdfkit wraps it afresh for each run and compares the wrapper with the one it
 * already has by JSON-serialising the font's whole `name` table (IBM Plex's carries its licence
 * text) — a quarter of a second for a twenty-page document. The comparison only has to tell
 * fonts apart, so the table serialises to its PostScript name instead. It also keeps the metrics
 * read for every glyph as plain values. Without fontkit's internals in the expected shape this
 * does nothing, and rendering is merely slower.
 */
export function loadFonts(): Promise<void> {
  registerFonts();
  const g = globalThis as Flagged;
  g[LOADED] ??= Promise.all(
    FACES.map(async (face) => {
      const source = Font.getFont({ ...face });
      await source.load();
      const font = source.data as ({ postscriptName?: string; name?: { records?: object } } & Record<string, unknown>) | null;
      if (!font) return;
      const records = font.name?.records;
      if (records && typeof records === "object" && !("toJSON" in records)) {
        const label = String(font.postscriptName ?? face.fontFamily);
        Object.defineProperty(records, "toJSON", { value: () => label, enumerable: false });
      }
      // fontkit keeps one glyph object per glyph id, with the characters it was first made for.
      // Embedding an accented letter (Ü) makes the letters it is drawn from (U) with none, and a
      // later document laying out a plain U got that glyph back and dropped it: letters went
      // missing from PDFs rendered after one with accents. Make every glyph from its character first.
      const withCharacters = font as { characterSet?: number[]; glyphForCodePoint?: (codePoint: number) => unknown };
      if (Array.isArray(withCharacters.characterSet) && typeof withCharacters.glyphForCodePoint === "function") {
        for (const codePoint of withCharacters.characterSet) withCharacters.glyphForCodePoint(codePoint);
      }
      // Read for every glyph laid out, and each read goes back to the font's tables: keep them.
      for (const metric of ["unitsPerEm", "ascent", "descent", "lineGap"]) {
        const value = font[metric];
        if (typeof value === "number") Object.defineProperty(font, metric, { value, enumerable: false });
      }
    }),
  ).then(() => undefined);
  return g[LOADED];
}
