import type { ReactNode } from "react";

/** What will appear here, and (when the user can) how to make it appear. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
      {action}
    </div>
  );
}
