export type OrgNumberResult = { ok: true; value: string } | { ok: false; error: "format" | "checksum" };

// Six digits, an optional hyphen (or the en dash word processors put there, as in seed 003), four digits.
const ORG_NUMBER = /^(\d{6})[-\u2013]?(\d{4})$/;

/** Luhn (mod 10) check over a digit string, last digit being the check digit; used for
 *  organisationsnummer and personnummer alike (both over their last 10 digits). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Every second digit counting leftwards from the check digit is doubled.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Accepts "NNNNNN-NNNN" or "NNNNNNNNNN" (surrounding whitespace ok); value is normalised to "NNNNNN-NNNN"; Luhn check digit over the 10 digits. */
export function validateOrgNumber(input: string): OrgNumberResult {
  const match = ORG_NUMBER.exec(input.trim());
  if (!match) return { ok: false, error: "format" };
  const [, head, tail] = match;
  if (!luhnValid(head + tail)) return { ok: false, error: "checksum" };
  return { ok: true, value: `${head}-${tail}` };
}
