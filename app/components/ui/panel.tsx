import type { ReactNode } from "react";

export function Panel({ title, children, narrow, headingLevel = 2 }: { title?: ReactNode; children: ReactNode; narrow?: boolean; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className={narrow ? "panel panel-narrow" : "panel"}>
      {title ? <Heading className="panel-title">{title}</Heading> : null}
      {children}
    </section>
  );
}
