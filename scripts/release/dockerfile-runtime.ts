/**
 * Reads what the Dockerfile's last stage (the image that ships) is made of, so the release check lays out exactly
 * that and never a hand-kept copy of the list. Understands the subset the project uses: FROM … AS, WORKDIR, ENV,
 * COPY [--from=stage] [--chown=…] src… dest (shell or JSON form), ENTRYPOINT and CMD in JSON form.
 */
export interface RuntimeCopy {
  /** The stage it copies from (`--from=build`), or undefined for the build context (the repository). */
  from: string | undefined;
  /** Paths relative to the repository root: for a stage, its absolute path made relative to that stage's WORKDIR. */
  sources: string[];
  /** Destination relative to the runtime WORKDIR; ends with "/" when it names a folder. */
  dest: string;
}

export interface RuntimeStage {
  name: string | undefined;
  copies: RuntimeCopy[];
  env: Record<string, string>;
  entrypoint: string[];
  cmd: string[];
}

interface Stage {
  name: string | undefined;
  workdir: string;
  lines: string[];
}

/** Joins continuation lines and drops comments and the parser directives. */
function instructions(dockerfile: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of dockerfile.split(/\r?\n/u)) {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    out.push(`${pending}${line}`.trim());
    pending = '';
  }
  if (pending) out.push(pending.trim());
  return out;
}

function words(rest: string): string[] {
  const trimmed = rest.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as string[];
  return trimmed.split(/\s+/u).filter(Boolean);
}

function relativeTo(workdir: string, path: string): string {
  const clean = path.replace(/^\.\//u, '');
  if (!clean.startsWith('/')) return clean;
  const base = workdir.endsWith('/') ? workdir : `${workdir}/`;
  if (!clean.startsWith(base)) throw new Error(`Dockerfile: ${path} is outside the build stage's WORKDIR ${workdir}`);
  return clean.slice(base.length);
}

export function parseRuntimeStage(dockerfile: string): RuntimeStage {
  const stages: Stage[] = [];
  for (const line of instructions(dockerfile)) {
    const [keyword = '', ...rest] = line.split(/\s+/u);
    const kw = keyword.toUpperCase();
    if (kw === 'FROM') {
      const as = rest.findIndex((w) => w.toUpperCase() === 'AS');
      stages.push({ name: as >= 0 ? rest[as + 1] : undefined, workdir: '/', lines: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) continue;
    if (kw === 'WORKDIR') stage.workdir = rest.join(' ');
    stage.lines.push(line);
  }
  const last = stages.at(-1);
  if (!last) throw new Error('Dockerfile: no FROM');
  const workdirOf = (name: string) => {
    const s = stages.find((x) => x.name === name);
    if (!s) throw new Error(`Dockerfile: COPY --from=${name} names no stage`);
    return s.workdir;
  };

  const result: RuntimeStage = { name: last.name, copies: [], env: {}, entrypoint: [], cmd: [] };
  for (const line of last.lines) {
    const space = line.search(/\s/u);
    const kw = line.slice(0, space).toUpperCase();
    const rest = line.slice(space + 1);
    if (kw === 'COPY') {
      const [, flagText = '', pathText = ''] = /^((?:--\S+\s+)*)(.*)$/u.exec(rest) ?? [];
      const flags = flagText.split(/\s+/u).filter(Boolean);
      const paths = words(pathText);
      const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
      const dest = paths.pop();
      if (!dest || paths.length === 0) throw new Error(`Dockerfile: cannot read "${line}"`);
      const sources = paths.map((p) => (from ? relativeTo(workdirOf(from), p) : p.replace(/^\.\//u, '')));
      const destRel = relativeTo(last.workdir, dest);
      result.copies.push({ from, sources, dest: destRel === '.' || destRel === '' ? './' : destRel });
    } else if (kw === 'ENV') {
      for (const m of rest.matchAll(/(\w+)=("[^"]*"|\S+)/gu)) result.env[m[1]!] = m[2]!.replace(/^"|"$/gu, '');
    } else if (kw === 'ENTRYPOINT') {
      result.entrypoint = words(rest);
    } else if (kw === 'CMD') {
      result.cmd = words(rest);
    }
  }
  return result;
}
