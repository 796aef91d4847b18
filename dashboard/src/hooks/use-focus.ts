// Keeps keyboard focus near an action whose button disappears (delete, save, cancel, detach, add a row).
import type { RefObject } from "preact";
import { useCallback, useLayoutEffect, useRef, useState } from "preact/hooks";

/**
 * Answers `focusAfterRender(id)`: the element with that id gets focus right after this component's next render (the
 * element may only exist then, and the control that had focus may be gone). Unknown ids are ignored.
 */
export function useFocusAfterRender(): (id: string) => void {
  const pending = useRef<string | null>(null);
  const [, setTick] = useState(0);
  useLayoutEffect(() => {
    if (pending.current === null) return;
    document.getElementById(pending.current)?.focus();
    pending.current = null;
  });
  return useCallback((id: string) => {
    pending.current = id;
    setTick((t) => t + 1);
  }, []);
}

/** Controls that take focus, for "focus the first field". */
const FOCUSABLE = "input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])";

/**
 * A ref for a container (a form) whose first field gets focus when it mounts, when `enabled` (an editor opened by a
 * button; not a form that is there on page load, which must not steal focus).
 */
export function useFocusFirstField<T extends HTMLElement>(enabled = true): RefObject<T> {
  const ref = useRef<T>(null);
  // A layout effect: focus moves in the same turn as the render, before anyone can type into the old control.
  useLayoutEffect(() => {
    if (enabled) ref.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }, []);
  return ref;
}
