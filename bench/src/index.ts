/**
 * @sgn/bench (private): the PyTorch and numba peers that `sgn bench` times sgn's engines against, and how to run them. The
 * peers are Python scripts in this package's peers/ folder, found from this module's own URL, so they are where the
 * package is wherever the CLI is installed.
 * @packageDocumentation
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Debian's Python with python3-torch (the `python3` on PATH may be another Python without it). */
export const PEER_PYTHON = process.env.SGN_PEER_PYTHON ?? '/usr/bin/python3';

/** What each peer needs, as a Python module and the Debian package that has it. */
const PEER_MODULES = { torch: 'python3-torch', numba: 'python3-numba' } as const;

/** A peer's Python module: PyTorch (op by op) or numba (compiled loops, the native-code anchor). */
export type PeerModule = keyof typeof PEER_MODULES;

/** Whether a peer can run here (its module imports in {@link PEER_PYTHON}), and why not. */
export function peerAvailable(module: PeerModule = 'torch'): { ok: boolean; reason: string } {
  if (!existsSync(PEER_PYTHON)) return { ok: false, reason: `${PEER_PYTHON} not found` };
  const probe = spawnSync(PEER_PYTHON, ['-c', `import ${module}; print(${module}.__version__)`], { encoding: 'utf8' });
  return probe.status === 0
    ? { ok: true, reason: `${module} ${probe.stdout.trim()}` }
    : { ok: false, reason: `${module} is not installed for it (apt-get install -y ${PEER_MODULES[module]})` };
}

/**
 * The path of a peer script of this package (peers/<script>), checked to exist.
 *
 * @param script - file name in peers/, e.g. `lp_algorithm1.py`
 * @returns its absolute path
 */
export function peerScript(script: string): string {
  const path = fileURLToPath(new URL(`../peers/${script}`, import.meta.url));
  if (!existsSync(path)) throw new Error(`no peer script ${script} in @sgn/bench's peers/ folder`);
  return path;
}

/**
 * Runs a peer script (PyTorch or numba) from peers/ with a JSON spec on stdin and returns its JSON answer.
 *
 * @param script - file name in peers/
 * @param spec - the workload (data, initial weights, settings)
 */
export function runPeer<T>(script: string, spec: unknown): T {
  const path = peerScript(script);
  const result = spawnSync(PEER_PYTHON, [path], { input: JSON.stringify(spec), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`peer ${script} failed: ${result.stderr.trim().split('\n').pop()}`);
  return JSON.parse(result.stdout) as T;
}
