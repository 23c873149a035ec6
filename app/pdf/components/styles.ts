import { StyleSheet } from "@react-pdf/renderer";
import { MONO, SANS } from "../fonts.js";

/** A4 in points, and the margins every page keeps. */
export const PAGE = { width: 595.28, height: 841.89, marginX: 62, marginTop: 74, marginBottom: 96 };

/**
 * OpenType features for running text: none. fontkit applies each feature's lookups to every
 * character, so shaping with the defaults costs about five times as much (kerning alone twice),
 * which for a twenty-page document was a good part of its render time; at text sizes the
 * difference cannot be seen, and a search in the PDF does not trip over an "ﬁ". Text is in NFC
 * (render.ts), so accented letters are single glyphs. (A combining mark with no precomposed
 * letter is not placed over its base whatever the features: react-pdf shapes it apart.)
 * Headings and the cover title, where kerning shows, keep it (DISPLAY_FEATURES).
 */
const OFF = ["kern", "liga", "calt", "clig", "rlig", "rclt", "ccmp", "locl", "mark", "mkmk", "curs", "frac", "numr", "dnom", "rvrn", "ltra", "ltrm"] as const;
export const TEXT_FEATURES: Record<string, boolean> = Object.fromEntries(OFF.map((tag) => [tag, false]));
export const DISPLAY_FEATURES: Record<string, boolean> = { kern: true, liga: false, calt: false };

export const COLOR = {
  ink: "#1b2430",
  muted: "#5b6675",
  faint: "#8a94a3",
  accent: "#1f3a5f",
  accentSoft: "#e8edf4",
  rule: "#d3d9e1",
  ruleStrong: "#9aa6b5",
  zebra: "#f6f8fa",
  good: "#1e6b45",
  goodSoft: "#e4f2ea",
  warn: "#8a5a00",
  warnSoft: "#fbf1dc",
  bad: "#a12a2a",
  badSoft: "#f8e5e5",
  watermark: "#c0392b",
};

export const s = StyleSheet.create({
  page: {
    fontFamily: SANS,
    fontFeatureSettings: TEXT_FEATURES,
    fontSize: 9.5,
    lineHeight: 1.45,
    color: COLOR.ink,
    paddingTop: PAGE.marginTop,
    paddingBottom: PAGE.marginBottom,
    paddingHorizontal: PAGE.marginX,
  },

  // Running header and footer, laid over every page.
  chrome: { fontFamily: SANS, fontSize: 7.5, lineHeight: 1.4, color: COLOR.ink },
  header: {
    position: "absolute",
    top: 36,
    left: PAGE.marginX,
    right: PAGE.marginX,
    flexDirection: "row",
    justifyContent: "space-between",
    alignItems: "flex-end",
    paddingBottom: 5,
    borderBottomWidth: 0.6,
    borderBottomColor: COLOR.rule,
    fontSize: 7.5,
    color: COLOR.muted,
  },
  headerTitle: { fontWeight: 600, color: COLOR.accent },
  footer: {
    position: "absolute",
    bottom: 30,
    left: PAGE.marginX,
    right: PAGE.marginX,
    height: 46,
    flexDirection: "row",
    alignItems: "center",
    paddingTop: 6,
    borderTopWidth: 0.6,
    borderTopColor: COLOR.rule,
  },
  footerText: { flex: 1, paddingLeft: 8, paddingRight: 12, fontSize: 6.5, lineHeight: 1.4, color: COLOR.muted },
  pageNumber: { width: 70, textAlign: "right", fontSize: 7.5, color: COLOR.muted },
  /** The footer's box without its rule, for the page number laid over it. */
  footerBare: { borderTopWidth: 0, paddingTop: 6.6 },
  footerLabel: { fontWeight: 600, color: COLOR.ink },
  hash: { fontFamily: MONO, fontSize: 6.2, color: COLOR.ink },
  watermark: {
    position: "absolute",
    top: PAGE.height / 2 - 40,
    left: PAGE.width / 2 - 450,
    width: 900,
    height: 80,
    transform: "rotate(-42deg)",
    textAlign: "center",
    fontSize: 58,
    fontWeight: 700,
    color: COLOR.watermark,
    opacity: 0.13,
    letterSpacing: 2,
  },

  // Headings and text.
  sectionHead: {
    flexDirection: "row",
    marginTop: 22,
    marginBottom: 8,
    paddingBottom: 4,
    borderBottomWidth: 1,
    borderBottomColor: COLOR.accent,
  },
  sectionNumber: { width: 28, fontSize: 13, fontWeight: 700, color: COLOR.accent, fontFeatureSettings: DISPLAY_FEATURES },
  sectionTitle: { flex: 1, fontSize: 13, fontWeight: 600, color: COLOR.accent, fontFeatureSettings: DISPLAY_FEATURES },
  subHead: { marginTop: 12, marginBottom: 5, fontSize: 10.5, fontWeight: 600, color: COLOR.accent, fontFeatureSettings: DISPLAY_FEATURES },
  subHeadNote: { fontWeight: 400, color: COLOR.muted },
  paragraph: { marginBottom: 6 },
  muted: { color: COLOR.muted },
  small: { fontSize: 8, lineHeight: 1.4 },
  none: { color: COLOR.muted, fontStyle: "italic" },
  intro: { marginBottom: 8, color: COLOR.muted, fontSize: 8.5, lineHeight: 1.4 },

  // A numbered clause: its label in a narrow column, its text beside it.
  clause: { flexDirection: "row", paddingVertical: 5, borderBottomWidth: 0.5, borderBottomColor: COLOR.rule },
  clauseLabel: { width: 100, flexShrink: 0, paddingRight: 8, fontSize: 7.2, lineHeight: 1.3, fontWeight: 600, color: COLOR.muted, paddingTop: 2.5, textTransform: "uppercase", letterSpacing: 0.3 },
  clauseBody: { flex: 1 },
  clauseNeeds: { marginTop: 2, fontSize: 7.5, lineHeight: 1.4, color: COLOR.muted },
  needRef: { fontWeight: 600, color: COLOR.accent },

  // Key–value lists (cover, submission).
  facts: {},
  firstFact: { borderTopWidth: 0.6, borderTopColor: COLOR.rule },
  fact: { flexDirection: "row", paddingVertical: 4.5, borderBottomWidth: 0.6, borderBottomColor: COLOR.rule },
  factKey: { width: 130, flexShrink: 0, paddingTop: 0.8, color: COLOR.muted, fontSize: 8.5, lineHeight: 1.4 },
  factValue: { flex: 1 },

  // Tables.
  // Containers that may run onto the next page have no top edge (margin, border, padding):
  // react-pdf's pagination would place that edge alone at the foot of a page, stranding the
  // heading above it. The rule goes on the first row instead.
  table: { marginBottom: 8 },
  thead: { flexDirection: "row", backgroundColor: COLOR.accentSoft, borderTopWidth: 1, borderTopColor: COLOR.accent, borderBottomWidth: 0.6, borderBottomColor: COLOR.ruleStrong },
  th: { paddingVertical: 4, paddingHorizontal: 5, fontSize: 7.5, fontWeight: 600, color: COLOR.accent, lineHeight: 1.3 },
  tr: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: COLOR.rule },
  trZebra: { backgroundColor: COLOR.zebra },
  td: { paddingVertical: 4, paddingHorizontal: 5, fontSize: 8.5, lineHeight: 1.38 },
  tdSmall: { paddingVertical: 3.5, paddingHorizontal: 5, fontSize: 7.6, lineHeight: 1.35 },
  strong: { fontWeight: 600 },
});
