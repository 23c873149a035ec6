import { CONDITION_LABELS, allQuestions, questionName, type GuideContent, type Question } from "../../domain/guide";

/** "Shown if Q2 “Do you open on Saturdays?” equals Yes" */
export function conditionText(content: GuideContent, question: Question): string | null {
  const c = question.condition;
  if (!c) return null;
  const target = allQuestions(content).find((q) => q.id === c.questionId);
  const show = (v: unknown): string => {
    if (typeof v === "boolean") return v ? "Yes" : "No";
    if (target && "options" in target.settings) return target.settings.options.find((o) => o.value === v)?.label ?? String(v);
    return String(v);
  };
  const value = c.operator === "answered" ? "" : ` ${Array.isArray(c.value) ? c.value.map(show).join(", ") : show(c.value)}`;
  return `Shown if ${questionName(content, c.questionId)} ${CONDITION_LABELS[c.operator]}${value}`;
}
