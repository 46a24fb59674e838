/** Throws unless `value` is a finite number >= `min` (or > `min` when `strict`). */
export function checkNumber(name: string, value: number, min: number, strict = false): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && (strict ? value > min : value >= min);
  if (!ok) throw new Error(`${name} must be a finite number ${strict ? '>' : '>='} ${min}, got ${value}`);
}

/** Throws unless `value` is in [0, 1). */
export function checkDecay(name: string, value: number): void {
  if (!(typeof value === 'number' && value >= 0 && value < 1)) {
    throw new Error(`${name} must be in [0, 1), got ${value}`);
  }
}
