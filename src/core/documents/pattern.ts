// Which grep patterns may run: JS RegExp cannot be interrupted once exec starts, so patterns whose matching can run
// away (exponential backtracking) are refused before any text is read.

/** Longest pattern accepted, in UTF-16 code units (ours: a grep pattern is a search term, not a program). */
export const MAX_PATTERN_CHARS = 500;

/** Why a pattern is refused; `message` is written for the client. */
export type PatternRefusal = { kind: "invalid_pattern" | "unsafe_pattern"; message: string };

/**
 * Compiles a grep pattern (flags `gm`: `^`/`$` match at line breaks, case-sensitive, like grep) or says why not:
 * - `invalid_pattern`: not a valid JavaScript regular expression, or longer than MAX_PATTERN_CHARS;
 * - `unsafe_pattern`: a group repeated without bound (`*`, `+`, `{n,}`) that itself contains a quantifier or an
 *   alternation (`(a+)+`, `(\w|\d)*`: the shapes behind catastrophic backtracking), a backreference (`\1`, `\k<n>`),
 *   or a pattern that matches the empty string (every position would be a match).
 */
export function compilePattern(pattern: string): RegExp | PatternRefusal {
  if (pattern.length === 0) return { kind: "invalid_pattern", message: "Invalid 'pattern': it is empty." };
  if (pattern.length > MAX_PATTERN_CHARS) return { kind: "invalid_pattern", message: `Invalid 'pattern': at most ${MAX_PATTERN_CHARS} characters, but got ${pattern.length}.` };
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, "gm");
  } catch (error) {
    return { kind: "invalid_pattern", message: `Invalid 'pattern': ${error instanceof Error ? error.message : String(error)}.` };
  }
  const unsafe = unsafeShape(pattern);
  if (unsafe) return { kind: "unsafe_pattern", message: `Invalid 'pattern': ${unsafe} could take exponential time, so it is refused; rewrite it without that shape.` };
  // Safe to run on "": the shapes that backtrack exponentially were refused above.
  if (new RegExp(pattern).test("")) return { kind: "unsafe_pattern", message: "Invalid 'pattern': it matches the empty string, so every position would be a match." };
  return regex;
}

interface Group {
  /** The group holds a quantifier or an alternation. */
  risky: boolean;
}

/** The first shape that can backtrack exponentially, described for the client; null when there is none. */
function unsafeShape(p: string): string | null {
  const stack: Group[] = [{ risky: false }];
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === "\\") {
      const next = p[i + 1] ?? "";
      if (!inClass && (/[1-9]/.test(next) || next === "k")) return `a backreference ('\\${next}')`;
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      continue;
    }
    if (ch === "(") {
      stack.push({ risky: false });
      // A group's own prefix ((?:, (?=, (?!, (?<=, (?<!, (?<name>) is not a quantifier.
      const prefix = /^\?(?::|=|!|<=|<!|<[^>]*>)/.exec(p.slice(i + 1, i + 64));
      if (prefix) i += prefix[0].length;
      continue;
    }
    if (ch === "|") {
      stack[stack.length - 1]!.risky = true;
      continue;
    }
    if (ch === ")") {
      const group = stack.length > 1 ? stack.pop()! : { risky: false };
      const q = quantifierAt(p, i + 1);
      if (q && group.risky && q.unbounded) return `a repeated group containing a quantifier or '|' ('${p.slice(0, i + 1 + q.length)}…')`;
      // A quantified group or one holding a quantifier makes its parent risky.
      if (q || group.risky) stack[stack.length - 1]!.risky = true;
      if (q) i += q.length - 1;
      continue;
    }
    const q = "*+?{".includes(ch) ? quantifierAt(p, i) : null;
    if (q) {
      stack[stack.length - 1]!.risky = true;
      i += q.length - 1;
    }
  }
  return null;
}

/** The quantifier starting at `i` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each optionally lazy), if any. */
function quantifierAt(p: string, i: number): { length: number; unbounded: boolean } | null {
  const m = /^(?:[*+?]|\{\d+(,\d*)?\})\??/.exec(p.slice(i, i + 24));
  if (!m) return null;
  const body = m[0];
  const unbounded = body[0] === "*" || body[0] === "+" || (m[1] !== undefined && m[1] === ",");
  return { length: body.length, unbounded };
}
