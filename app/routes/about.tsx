import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "About Charter" }];

const STEPS = [
  ["Plan", "Relationship managers plan interviews with the people who run the business."],
  ["Ask", "They run the interviews and capture every answer, in the stakeholders' own words."],
  ["Synthesise", "Answers become needs, each backed by quotes and the people who said them."],
  ["Prioritise", "Business leads score the needs; Charter shows where they agree and where they do not."],
  ["Define", "The top needs become service definitions written in business terms."],
  ["Agree", "Executives sign the definitions off, and anyone can verify the signed document."],
  ["Review", "Reviews keep each service honest as the business changes."],
] as const;

/** A public page about the product; it needs no sign-in and reads nothing of the workspace. */
export default function About() {
  return (
    <section className="panel" aria-labelledby="about-heading">
      <h1 id="about-heading" className="panel-title">
        About Charter
      </h1>
      <p>Charter takes an IT organisation from going and asking the business to signed, agreed service definitions, and keeps them honest afterwards.</p>
      <ol className="stack small">
        {STEPS.map(([step, text]) => (
          <li key={step}>
            <strong>{step}.</strong> {text}
          </li>
        ))}
      </ol>
      <p>
        <Link to="/">Sign in to your workspace</Link>
      </p>
    </section>
  );
}
