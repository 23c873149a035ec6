/** The synthesis view of one interview: which texts can be quoted, what has been, and what has not yet. Pure. */
import { answerValuesOf, formatAnswer, questionNumbers, visibleQuestionIds, type StoredAnswer } from "./answers";
import { anchorIn, highlightSegments, sourceTextOf, type EvidenceSource, type Segment } from "./evidence";
import type { GuideContent } from "./guide";

export interface EvidenceLike {
  id: string;
  source: EvidenceSource;
  item: string;
  start: number;
  end: number;
  text: string;
  sourceText: string;
}

export interface QuotableText {
  source: EvidenceSource;
  item: string;
  label: string;
  text: string;
  segments: Segment[];
  /** Evidence taken from this text whose passage is no longer in it. */
  unplaced: string[];
  evidenceIds: string[];
}

export interface SynthesisQuestion {
  id: string;
  number: number;
  prompt: string;
  /** The answer in words when it is not itself quotable text (a choice, a scale…). */
  answerInWords: string;
  texts: QuotableText[];
}

export interface SynthesisSection {
  id: string;
  title: string;
  questions: SynthesisQuestion[];
  notes: QuotableText | null;
}

function quotable(source: EvidenceSource, item: string, label: string, text: string, evidence: readonly EvidenceLike[]): QuotableText {
  const mine = evidence.filter((e) => e.item === item && e.source === source);
  const ranges: { id: string; start: number; end: number }[] = [];
  const unplaced: string[] = [];
  for (const e of mine) {
    const at = anchorIn(text, e);
    if (at) ranges.push({ id: e.id, ...at });
    else unplaced.push(e.id);
  }
  return { source, item, label, text, segments: highlightSegments(text, ranges), unplaced, evidenceIds: mine.map((e) => e.id) };
}

/**
 * Every quotable text of an interview, section by section (shown questions'
 * text answers and verbatim quotes, and the notes), with its evidence placed in
 * it, and the number of texts nobody has quoted yet ("unsynthesised").
 */
export function synthesisOf(content: GuideContent, stored: readonly StoredAnswer[], evidence: readonly EvidenceLike[]) {
  const values = answerValuesOf(stored);
  const visible = visibleQuestionIds(content, values);
  const numbers = questionNumbers(content);
  let unsynthesised = 0;
  let quotableCount = 0;
  const count = (t: QuotableText | null) => {
    if (!t?.text) return;
    quotableCount++;
    if (!t.evidenceIds.length) unsynthesised++;
  };
  const sections: SynthesisSection[] = content.sections.map((section) => {
    const questions: SynthesisQuestion[] = [];
    for (const q of section.questions) {
      const answer = stored.find((a) => a.kind === "answer" && a.item === q.id);
      if (!answer || (!visible.has(q.id) && !evidence.some((e) => e.item === q.id))) continue;
      const texts: QuotableText[] = [];
      const valueText = sourceTextOf("answer", answer, q);
      const quoted = (source: EvidenceSource) => evidence.some((e) => e.item === q.id && e.source === source);
      // A text that has gone (cleared since) still shows when evidence was taken from it, so its evidence can be checked.
      if (valueText || quoted("answer")) texts.push(quotable("answer", q.id, "Answer", valueText ?? "", evidence));
      if (answer.quote || quoted("quote")) texts.push(quotable("quote", q.id, "In their words", answer.quote, evidence));
      const answerInWords = valueText ? "" : formatAnswer(q, answer.value);
      if (!texts.length && !answerInWords) continue;
      // An answer counts once: quoting either its text or its verbatim quote synthesises it.
      if (texts.some((t) => t.text)) {
        quotableCount++;
        if (!texts.some((t) => t.evidenceIds.length)) unsynthesised++;
      }
      questions.push({ id: q.id, number: numbers.get(q.id)!, prompt: q.prompt, answerInWords, texts });
    }
    const notesRow = stored.find((a) => a.kind === "notes" && a.item === section.id);
    const notesText = sourceTextOf("notes", notesRow, undefined);
    const notes =
      notesText || evidence.some((e) => e.source === "notes" && e.item === section.id)
        ? quotable("notes", section.id, "Interviewer's notes", notesText ?? "", evidence)
        : null;
    count(notes);
    return { id: section.id, title: section.title, questions, notes };
  });
  return { sections, unsynthesised, quotable: quotableCount };
}
