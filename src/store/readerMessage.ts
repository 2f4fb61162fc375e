/**
 * What a reader sees when a run fails. The engine checks its own preconditions and names the function in the
 * message ("createExactScore: the mixture has no component with positive weight."): text for a developer, which a
 * valid link can never trigger (the URL layer normalises and clamps first; tests/unit/params-fuzz.test.ts). Should
 * one still surface, the reader is told what it means for them, and the engine's words stay as the detail to report.
 */

/** An engine precondition: a camelCase function name, a colon, the detail. */
const ENGINE_CHECK = /^([a-z][A-Za-z0-9]*): ([\s\S]*)$/;

export function readerMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const check = ENGINE_CHECK.exec(message);
  if (!check) return message;
  return (
    'these settings failed a check inside Score Lab that a link should never reach; reset to the defaults, and ' +
    `please report the link (detail: ${check[1]}: ${check[2].replace(/\.$/, '')}).`
  );
}

/** A sentence continued after a colon: "The loss became NaN" → "the loss became NaN". */
export function lowerFirst(sentence: string): string {
  return sentence.length > 0 ? sentence[0].toLowerCase() + sentence.slice(1) : sentence;
}
