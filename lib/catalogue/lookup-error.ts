/**
 * The error a user sees after mistyping an accelerator, instance type or model: it names what was asked,
 * lists the valid values and suggests the closest one.
 */

/** Thrown when a catalogue lookup finds nothing. */
export class CatalogueLookupError extends Error {
  /** What kind of thing was looked up, e.g. `accelerator`. */
  public readonly kind: string;
  /** The value asked for, as given. */
  public readonly requested: string;
  /** The closest known value, if one is close enough to be a plausible typo. */
  public readonly suggestion: string | undefined;
  /** The sentence appended to the message, if any (e.g. how to fetch a model from the Hub). */
  public readonly advice: string | undefined;

  /**
   * @param kind what was looked up (`accelerator`, `instance type`, `model`)
   * @param requested the value asked for
   * @param known every valid value, in the order to list them
   * @param flag the CLI flag the value came from, e.g. `--accelerator`; omitted from the message if absent
   * @param prefer among several known values containing the request, the shortest or the first listed
   * @param advice a sentence appended to the message (e.g. how to fetch a model from the Hub)
   */
  constructor(kind: string, requested: string, known: readonly string[], flag?: string, prefer: MatchPreference = 'shortest', advice?: string) {
    const suggestion = closestMatch(requested, known, prefer);
    const from = flag ? ` (${flag})` : '';
    const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
    super(`Unknown ${kind} '${requested}'${from}. Known: ${known.join(', ')}.${hint}${advice ? ` ${advice}` : ''}`);
    this.name = 'CatalogueLookupError';
    this.kind = kind;
    this.requested = requested;
    this.suggestion = suggestion;
    this.advice = advice;
  }
}

/**
 * The known value a user most likely meant. A known value that contains what was typed wins first
 * (`h100` means `h100-80gb`, not the one-letter-away `h200`); otherwise the smallest edit distance,
 * if it is small relative to the length of the input.
 */
export type MatchPreference = 'shortest' | 'first-listed';

export function closestMatch(requested: string, known: readonly string[], prefer: MatchPreference = 'shortest'): string | undefined {
  const asked = requested.trim().toLowerCase();
  if (asked.length === 0) {
    return undefined;
  }
  const containing = known.filter((k) => k.toLowerCase().includes(asked));
  if (containing.length > 0) {
    // Several contain it: the shortest (`gpt-oss` -> the alias `gpt-oss-20b`), or for accelerators the
    // first listed (`h100` -> h100-80gb: the catalogue lists the parts AWS offers first).
    return prefer === 'first-listed' ? containing[0] : [...containing].sort((a, b) => a.length - b.length || a.localeCompare(b))[0];
  }
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(asked, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(2, Math.ceil(asked.length / 3));
  return bestDistance <= tolerance ? best : undefined;
}

/** Levenshtein distance (insertions, deletions and substitutions each cost 1). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}
