import type { ActionData } from "~/services/result";
import { useT } from "~/i18n/use-t";
import { FormAlert, Notice } from "./Field";

/**
 * What an action answered: what was done (its message filled in with the answer's params and `params`),
 * or why it was refused. Field errors show at their fields.
 */
export function ActionMessages({ data, params }: { data: ActionData | undefined; params?: Record<string, string> }) {
  const t = useT();
  const refused = data?.fieldErrors.refused;
  return (
    <>
      <Notice message={data?.done ? t(data.done, { ...data.params, ...params }) : undefined} />
      <FormAlert message={refused ? t(refused) : undefined} />
    </>
  );
}
