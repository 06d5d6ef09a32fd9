/**
 * Whether an installed version satisfies a peer range of the forms package.json uses here:
 * `^x.y.z`, `>=x.y.z`, `x.y.z`, `x` and `||` between them. Enough for `doctor`; not semver.
 */
export function satisfiesRange(version: string, range: string): boolean {
  const parsed = parse(version);
  if (!parsed) return false;
  return range.split('||').some((part) => {
    const spec = part.trim();
    const op = /^(\^|>=|~)?\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(spec);
    if (!op) return false;
    const want = [Number(op[2]), num(op[3]), num(op[4])] as const;
    if (op[1] === '>=') return compare(parsed, [want[0], want[1] ?? 0, want[2] ?? 0]) >= 0;
    if (parsed[0] !== want[0]) return false;
    if (op[1] === '^' || want[1] === undefined) return compare(parsed, [want[0], want[1] ?? 0, want[2] ?? 0]) >= 0;
    if (op[1] === '~') return parsed[1] === want[1] && parsed[2] >= (want[2] ?? 0);
    return parsed[1] === want[1] && (want[2] === undefined || parsed[2] === want[2]);
  });
}

const num = (part: string | undefined) =>
  part === undefined || part === 'x' || part === '*' ? undefined : Number(part);

function parse(version: string): [number, number, number] | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
