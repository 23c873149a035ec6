import type { ReactNode, TableHTMLAttributes } from "react";

/** A scrollable, captioned table. The caption names the table for screen readers. */
export function Table({
  caption,
  hideCaption,
  children,
  ...rest
}: TableHTMLAttributes<HTMLTableElement> & { caption: ReactNode; hideCaption?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table" {...rest}>
        <caption className={hideCaption ? "visually-hidden" : undefined}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
