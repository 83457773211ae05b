import { useEffect, useRef } from "react";
import type { ActionData } from "~/services/result";

/** A form emptied once its action has done what was asked, so the next entry starts blank. */
export function useResetOnDone(data: ActionData | undefined) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (data?.done) form.current?.reset();
  }, [data]);
  return form;
}
