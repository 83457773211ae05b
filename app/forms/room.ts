import { z } from "zod";
import type { Position } from "~/domain/decision";
import { reservationSchema } from "./decision";
import { parseForm, type ParseResult } from "./parse";
import { positionField, reservationField } from "./fields";

/** What the chair records for the room in one form: who was present, and each present party's position on one decision. */
export interface RoomRecord {
  decisionId: string;
  present: string[];
  positions: { partyId: string; position: Position; reservation: string | null }[];
}

/**
 * The room form for the partnership's parties: a position per party (left empty when the party
 * stated none), a reservation beside it, and the ticked members. A position for a party that is not
 * one of the partnership's is refused: the form never offers it, and recording the rest would mislead.
 */
export function parseRoomForm(form: FormData, partyIds: readonly string[]): ParseResult<RoomRecord> {
  const schema = z.object({
    decisionId: z.uuid({ error: "room.decisionInvalid" }),
    ...Object.fromEntries(
      partyIds.flatMap((id) => [
        [positionField(id), z.enum(["", "agree", "object", "abstain"], { error: "form.badRequest" }).optional()],
        [reservationField(id), reservationSchema],
      ]),
    ),
  });
  const parsed = parseForm(schema, form);
  const present = z.array(z.uuid()).safeParse(form.getAll("present"));
  const known = new Set(partyIds.map(positionField));
  const stranger = [...form.keys()].find((key) => key.startsWith(positionField("")) && !known.has(key));
  if (!parsed.ok || !present.success || stranger)
    return {
      ok: false,
      fieldErrors: {
        ...(parsed.ok ? {} : parsed.fieldErrors),
        ...(present.success ? {} : { present: "form.badRequest" as const }),
        ...(stranger ? { refused: "form.badRequest" as const } : {}),
      },
    };
  const data = parsed.data as Record<string, string | null | undefined>;
  return {
    ok: true,
    data: {
      decisionId: data.decisionId!,
      present: present.data,
      positions: partyIds.flatMap((partyId) => {
        const position = data[positionField(partyId)];
        return position ? [{ partyId, position: position as Position, reservation: data[reservationField(partyId)] ?? null }] : [];
      }),
    },
  };
}
