import { useEffect, useRef, useState } from "react";
import type { Flash } from "../../domain/flash";

/** A message after an action ("User created"). Announced politely; dismissible. */
export function FlashMessage({ flash }: { flash: Flash | null }) {
  const [hidden, setHidden] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => setHidden(false), [flash]);
  if (!flash || hidden) return null;
  return (
    <div ref={ref} className={`flash flash-${flash.kind}`} role={flash.kind === "error" ? "alert" : "status"}>
      <p>{flash.message}</p>
      <button type="button" className="btn-link small" onClick={() => setHidden(true)}>
        Dismiss<span className="visually-hidden"> message</span>
      </button>
    </div>
  );
}
