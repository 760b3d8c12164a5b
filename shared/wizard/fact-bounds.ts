import { z } from 'zod';

/**
 * How large one fact value the engineer (or a caller of the API) may give. Facts are saved in the
 * session file and shown in the report, so they are bounded where they enter: nested at most
 * `MAX_FACT_DEPTH` levels (an object or list counts as one level, a plain value as none) and at
 * most `MAX_FACT_BYTES` once serialised as JSON.
 */
export const MAX_FACT_DEPTH = 8;
export const MAX_FACT_BYTES = 64 * 1024;

/**
 * The first bound the value breaks, as a sentence, or null when it is within both. Walks without
 * recursion, so a value nested thousands of levels deep is measured, not a stack overflow.
 */
export function factValueProblem(value: unknown): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > MAX_FACT_DEPTH) return `A fact value can be at most ${MAX_FACT_DEPTH} levels deep`;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  let bytes: number;
  try {
    bytes = new TextEncoder().encode(JSON.stringify(value) ?? '').byteLength;
  } catch {
    return 'A fact value must be plain JSON';
  }
  if (bytes > MAX_FACT_BYTES) return `A fact value can be at most ${MAX_FACT_BYTES / 1024} KB once saved (this one is ${Math.ceil(bytes / 1024)} KB)`;
  return null;
}

/**
 * Wraps a fact value schema so the bounds are checked first: a value that breaks them is refused
 * with the bound's sentence, and the inner (recursive) schema never walks it.
 */
export function boundedFactValue<T extends z.ZodType>(inner: T) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      const problem = factValueProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .pipe(inner);
}
