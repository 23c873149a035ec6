import { useId, type ReactNode } from "react";

/** A titled block of the page; its title names it for assistive technology. */
export function Panel({ title, children, narrow, headingLevel = 2 }: { title?: ReactNode; children: ReactNode; narrow?: boolean; headingLevel?: 2 | 3 }) {
  const id = useId();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className={narrow ? "panel panel-narrow" : "panel"} aria-labelledby={title ? id : undefined}>
      {title ? (
        <Heading id={id} className="panel-title">
          {title}
        </Heading>
      ) : null}
      {children}
    </section>
  );
}
