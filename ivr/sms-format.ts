/** +18889252559 → 1-888-925-2559, the way people dial it; other numbers stay E.164. */
export function displayPhone(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `1-${m[1]}-${m[2]}-${m[3]}` : e164;
}
