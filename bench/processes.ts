import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Epoch ms at which each delivery was handed to the plugins (Sheriff only). */
  handledAt: Map<string, number>;
  /** Peak resident set size so far, in MB (Linux VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** Starts a bench server script (compiled `.js`, or `.ts` under tsx) and waits until it listens. */
export async function startServer(script: string, env: Record<string, string>): Promise<ServerProcess> {
  const file = new URL(
    `./servers/${script}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
    import.meta.url,
  );
  const args = file.pathname.endsWith('.ts') ? ['--import', 'tsx', file.pathname] : [file.pathname];
  if (process.env.BENCH_CPU_PROF_DIR)
    args.unshift('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const handledAt = new Map<string, number>();
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const message = JSON.parse(line) as { listening?: string; h?: string; t?: number };
      if (message.listening) resolve(message.listening);
      else if (message.h !== undefined && message.t !== undefined) handledAt.set(message.h, message.t);
    });
  });
  return {
    url,
    child,
    handledAt,
    peakRssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
