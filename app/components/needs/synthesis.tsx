import { Form } from "@remix-run/react";
import { useRef, useState, type MouseEvent } from "react";
import { formatDay } from "../../domain/interview";
import { needRef } from "../../domain/need";
import type { InterviewEvidence } from "../../domain/evidence";
import type { QuotableText } from "../../domain/synthesis";
import { useHydrated } from "../guide/question-input";
import { Button } from "../ui/button";
import { Field, FieldShell, TextareaField } from "../ui/field";
import { NeedLink } from "./need-bits";

export type EvidenceCard = Omit<InterviewEvidence, "sourceText" | "item" | "start" | "end">;

export interface CaptureState {
  target?: string;
  errors: Record<string, string>;
  formError?: string;
  values?: Record<string, string | string[]>;
}

/** Offsets of the current selection inside `container`'s text, if the selection lies wholly inside it. */
function selectionIn(container: HTMLElement): { start: number; end: number; text: string } | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(container);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const text = range.toString();
  if (!text.trim()) return null;
  return { start, end: start + text.length, text };
}

/**
 * One text that can be quoted, with its evidence highlighted. Selecting a passage
 * (with JavaScript) fills the capture form with the exact passage and its offsets;
 * without JavaScript the passage is pasted and the server finds it.
 */
export function QuotableBlock({
  text,
  people,
  anonymousAs,
  canEdit,
  capture,
}: {
  text: QuotableText;
  people: { id: string; name: string }[];
  /** Set for an anonymous survey's response: its quotes name nobody and stand for this ("anonymous respondent, Retail Banking"). */
  anonymousAs?: string | null;
  canEdit: boolean;
  capture?: CaptureState;
}) {
  const target = `${text.source}:${text.item}`;
  const mine = capture?.target === target ? capture : undefined;
  const typed = mine?.values;
  const [passage, setPassage] = useState(typeof typed?.text === "string" ? typed.text : "");
  const [offsets, setOffsets] = useState<{ start: number; end: number } | null>(null);
  const [open, setOpen] = useState(Boolean(mine));
  const textRef = useRef<HTMLDivElement>(null);
  const hydrated = useHydrated();
  const chosen = typed?.stakeholderIds ? [typed.stakeholderIds].flat() : people.length === 1 ? [people[0]!.id] : [];

  const onSelect = () => {
    if (!canEdit || !textRef.current) return;
    const found = selectionIn(textRef.current);
    if (!found) return;
    setPassage(found.text);
    setOffsets({ start: found.start, end: found.end });
    setOpen(true);
  };
  const jump = (event: MouseEvent<HTMLElement>) => {
    const id = (event.target as HTMLElement).closest("mark")?.getAttribute("data-ev")?.split(" ")[0];
    if (id) document.getElementById(`ev-${id}`)?.scrollIntoView({ block: "nearest" });
  };

  return (
    <div className="quotable">
      <p className="quotable-label small">{text.label}</p>
      {text.text ? (
        // eslint-disable-next-line jsx-a11y/no-static-element-interactions
        <div className="quotable-text" ref={textRef} onMouseUp={onSelect} onKeyUp={onSelect} onClick={jump}>
          {text.segments.map((seg, i) =>
            seg.ids.length ? (
              <mark key={i} data-ev={seg.ids.join(" ")} title="Quoted as evidence">
                {seg.text}
              </mark>
            ) : (
              <span key={i}>{seg.text}</span>
            ),
          )}
        </div>
      ) : (
        <p className="muted">No longer answered.</p>
      )}
      {canEdit && text.text ? (
        <details className="capture" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>{hydrated ? "Quote a passage (select it above, or paste it)" : "Quote a passage (paste it)"}</summary>
          <Form method="post" className="stack" preventScrollReset>
            <input type="hidden" name="intent" value="capture" />
            <input type="hidden" name="source" value={text.source} />
            <input type="hidden" name="item" value={text.item} />
            {offsets ? (
              <>
                <input type="hidden" name="start" value={offsets.start} />
                <input type="hidden" name="end" value={offsets.end} />
              </>
            ) : null}
            {mine?.formError ? (
              <p className="form-error" role="alert">
                {mine.formError}
              </p>
            ) : null}
            <TextareaField
              label="Passage, word for word"
              name="text"
              rows={3}
              value={passage}
              onChange={(e) => {
                setPassage(e.currentTarget.value);
                setOffsets(null);
              }}
              error={mine?.errors.text ?? mine?.errors.start}
            />
            {anonymousAs ? (
              <>
                <p className="small muted">Quoted as {anonymousAs}: an anonymous survey names nobody.</p>
                {mine?.errors.stakeholderIds ? (
                  <p className="form-error" role="alert">
                    {mine.errors.stakeholderIds}
                  </p>
                ) : null}
              </>
            ) : (
              <FieldShell label="Who said it" error={mine?.errors.stakeholderIds}>
                {({ id, describedBy }) => (
                  <div className="checklist checklist-inline" id={id} role="group" aria-describedby={describedBy}>
                    {people.map((p) => (
                      <label key={p.id}>
                        <input type="checkbox" name="stakeholderIds" value={p.id} defaultChecked={chosen.includes(p.id)} />
                        <span>{p.name}</span>
                      </label>
                    ))}
                  </div>
                )}
              </FieldShell>
            )}
            <Field label="Tags" name="tags" optional help="Separated by commas: saturday, queues" defaultValue={typeof typed?.tags === "string" ? typed.tags : ""} error={mine?.errors.tags} />
            <div>
              <Button type="submit">Save as evidence</Button>
            </div>
          </Form>
        </details>
      ) : null}
    </div>
  );
}

/** A piece of evidence under its answer: the quote, who said it (or the anonymous respondent it stands for), its needs, and a flag if its answer changed. */
export function EvidenceItem({
  ev,
  anonymousAs,
  canEdit,
  unplaced,
  pickForm,
  picked,
}: {
  ev: EvidenceCard;
  /** Who a quote naming nobody stands for (an anonymous survey's respondent). */
  anonymousAs?: string | null;
  canEdit: boolean;
  unplaced: boolean;
  pickForm: string;
  picked?: boolean;
}) {
  const hydrated = useHydrated();
  return (
    <li id={`ev-${ev.id}`} className={`evidence-card${ev.changed ? " evidence-changed" : ""}`}>
      <div className="evidence-head">
        {canEdit ? (
          <label className="evidence-pick">
            <input type="checkbox" name="evidence" value={ev.id} form={pickForm} defaultChecked={picked} />
            <span className="visually-hidden">Choose this quote</span>
          </label>
        ) : null}
        <blockquote className="quote-text">{ev.text}</blockquote>
      </div>
      <p className="quote-cite small">
        {ev.stakeholders.length ? ev.stakeholders.map((s) => s.name).join(", ") : (anonymousAs ?? "")} · quoted {formatDay(ev.createdAt)}
        {ev.tags.length ? (
          <>
            {" · "}
            {ev.tags.map((t) => (
              <span key={t} className="tag">
                {t}
              </span>
            ))}
          </>
        ) : null}
      </p>
      {ev.needs.length ? (
        <p className="small">
          Supports:{" "}
          {ev.needs.map((n, i) => (
            <span key={n.id}>
              {i ? ", " : ""}
              <NeedLink id={n.id} number={n.number} />
              {n.survivorNumber ? ` (merged into ${needRef(n.survivorNumber)})` : ""}
            </span>
          ))}
        </p>
      ) : (
        <p className="small muted">Not behind any need yet.</p>
      )}
      {ev.changed ? (
        <div className="changed-at-source" role="note">
          <p>
            <strong>Changed at source.</strong> {unplaced ? "The quoted passage is no longer in the answer." : "The answer has changed since this was quoted."} Confirm the evidence still stands, or remove it.
          </p>
          <p className="small">Then:</p>
          <p className="pre-line was">{ev.checkedText}</p>
          <p className="small">Now:</p>
          <p className="pre-line now">{ev.currentText ?? "(no longer answered)"}</p>
        </div>
      ) : null}
      {canEdit ? (
        <div className="row">
          {ev.changed ? (
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="evidenceId" value={ev.id} />
              <Button type="submit" variant="secondary" size="sm">
                Confirm it still stands
              </Button>
            </Form>
          ) : null}
          <Form
            method="post"
            preventScrollReset
            onSubmit={(e) => {
              if (hydrated && !window.confirm(ev.needs.length ? "Remove this evidence? The needs it supports lose it." : "Remove this evidence?")) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="evidenceId" value={ev.id} />
            <Button type="submit" variant="ghost" size="sm">
              Remove
            </Button>
          </Form>
        </div>
      ) : null}
    </li>
  );
}
