import { useId } from "react";
import { formatLongDate } from "../../domain/format";
import { QUESTION_TYPE_LABELS } from "../../domain/guide";
import { MIN_ANONYMOUS_GROUP, WITHHELD_QUESTION_MESSAGE, type QuestionResult, type QuestionSummary } from "../../domain/survey-results";
import { QuestionText } from "../interview/question-text";
import { BarChart, RankingChart } from "./results-bars";
import { formatNumber, NumberRange } from "./results-number";
import { PeriodGroups, TextAnswers } from "./results-texts";

const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

function Figures({ question, summary }: { question: QuestionResult; summary: QuestionSummary }) {
  const caption = `Q${question.number} ${question.prompt}`;
  switch (summary.kind) {
    case "bars":
      return (
        <>
          {summary.median !== null ? <p className="sr-lead">Median {formatNumber(summary.median)}</p> : null}
          {summary.multiple ? <p className="small muted">Each person could choose several: shares are of the {people(question.answered ?? 0)} who answered, so they may add up to more than 100%.</p> : null}
          <BarChart caption={caption} bars={summary.bars} labelHeader={question.type === "scale" ? "Point" : "Option"} />
          {summary.others.length ? (
            <>
              <h4 className="sr-subhead">“Other”, in their words</h4>
              <TextAnswers texts={summary.others} label={`${caption}: other answers`} />
            </>
          ) : null}
        </>
      );
    case "ranking":
      return (
        <>
          <p className="small muted">Borda count: in each ranking of n options, first scores n − 1 points, last scores none. Ties are broken by how many put it first.</p>
          <RankingChart caption={caption} rows={summary.rows} />
        </>
      );
    case "number":
      return <NumberRange caption={caption} values={summary.values} median={summary.median} min={summary.min} max={summary.max} unit={summary.unit} />;
    case "dates":
      return (
        <>
          <p className="sr-lead">
            {summary.earliest === summary.latest ? (
              formatLongDate(summary.earliest)
            ) : (
              <>
                From {formatLongDate(summary.earliest)} to {formatLongDate(summary.latest)}
              </>
            )}
          </p>
          <BarChart caption={`${caption}: dates by month`} bars={summary.months} labelHeader="Month" />
        </>
      );
    case "periods":
      return <PeriodGroups groups={summary.groups} answered={question.answered ?? 0} prompt={caption} />;
    case "texts":
      return <TextAnswers texts={summary.texts} label={`${caption}: answers`} />;
  }
}

/** One question's results: how many answered it, then its figures, or why they are not shown. */
export function QuestionResults({ question, respondents }: { question: QuestionResult; respondents: number }) {
  const id = useId();
  return (
    <article className="sr-question" aria-labelledby={id}>
      <header className="sr-question-head">
        <h3 id={id} className="sr-question-prompt">
          <span className="question-number">Q{question.number}</span> <QuestionText text={question.prompt} />
        </h3>
        <p className="sr-question-meta">
          {QUESTION_TYPE_LABELS[question.type]} · answered by {question.answered === null ? `fewer than ${MIN_ANONYMOUS_GROUP}` : <strong>{question.answered}</strong>} of {respondents}
        </p>
      </header>
      {question.visibility === "withheld" ? (
        <p className="sr-withheld" role="note">
          {WITHHELD_QUESTION_MESSAGE}
        </p>
      ) : question.visibility === "none" || !question.summary ? (
        <p className="muted small">Nobody answered this question.</p>
      ) : (
        <Figures question={question} summary={question.summary} />
      )}
    </article>
  );
}
