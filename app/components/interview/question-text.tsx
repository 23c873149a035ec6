import { Fragment } from "react";

/** A line of a list filled into a question: "1. …" (outcomes) or "- …" (service levels, critical periods). */
const LIST_ITEM = /^(\d+\.|-)\s/;

/**
 * A question's words, line by line. A review interview's questions carry the
 * service's outcomes, levels and periods as lists: their items read in ordinary
 * weight under the question's own (bold) words, with a hanging indent
 * (styles/question-text.css, linked by the pages that show questions).
 */
export function QuestionText({ text }: { text: string }) {
  if (!text.includes("\n")) return <>{text}</>;
  return (
    <>
      {text.split("\n").map((line, i) => (
        <Fragment key={i}>
          {i > 0 ? <br /> : null}
          {LIST_ITEM.test(line) ? <span className="question-line-item">{line}</span> : line}
        </Fragment>
      ))}
    </>
  );
}
