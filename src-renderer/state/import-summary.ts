/**
 * The importer's per-file summary as the renderer reads it. The event contract carries it
 * as an open record (main's ImportSummary); this schema checks the fields the Data panel
 * shows, so a summary main changed shape for fails loudly here instead of rendering
 * `undefined`.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();

export const ImportSummaryViewSchema = z.object({
  file: z.string(),
  format: z.string(),
  timeZone: z.string(),
  zoneSource: z.string(),
  zoneNote: z.string(),
  dateOrder: z.string(),
  dateOrderSource: z.string(),
  /** Bar length in minutes (1440 = daily). */
  timeframe: z.number().int().positive(),
  volumeAbsent: z.boolean(),
  rowsRead: count,
  imported: count,
  duplicates: count,
  quarantined: count,
  quarantineByReason: z.record(z.string(), count),
  firstBarUtc: z.string().nullable(),
  lastBarUtc: z.string().nullable(),
  rollsDetected: count,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  seconds: z.number().nonnegative(),
});

/** The summary fields the Data panel shows. */
export type ImportSummaryView = z.infer<typeof ImportSummaryViewSchema>;

/** Reads a summary from an `import.done` result; null (with the reason) when it does not parse. */
export function readSummary(raw: Readonly<Record<string, unknown>> | null): {
  readonly summary: ImportSummaryView | null;
  readonly problem: string | null;
} {
  if (raw === null) return { summary: null, problem: null };
  const parsed = ImportSummaryViewSchema.safeParse(raw);
  return parsed.success
    ? { summary: parsed.data, problem: null }
    : { summary: null, problem: `unreadable import summary: ${parsed.error.issues[0]?.message}` };
}
