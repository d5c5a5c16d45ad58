import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(webDir, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not healthy after ${timeoutMs / 1000}s`);
}

/** Newest modification time of the web sources (src, index.html, vite config, contracts). */
function newestSource(): number {
  let newest = 0;
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'index.html', 'vite.config.ts', '../contracts/src']) walk(path.join(webDir, p));
  return newest;
}

function needsBuild(): boolean {
  const index = path.join(webDir, 'dist', 'index.html');
  return !existsSync(index) || statSync(index).mtimeMs < newestSource();
}

/** Builds the web app if needed, starts the real server on the demo school, stops it afterwards. */
export default async function setup(project: TestProject) {
  if (needsBuild()) {
    const build = spawnSync('npx', ['vite', 'build'], { cwd: webDir, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  mkdirSync(path.join(webDir, 'e2e', 'screenshots'), { recursive: true });

  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jiaowu-e2e-'));
  const baseURL = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const server = spawn(process.execPath, ['packages/server/src/main.ts'], {
    cwd: repoRoot,
    // PUBLIC_URL: links in emails (password reset) point at this server.
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      JIAOWU_DEMO: '1',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: baseURL,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  server.stdout!.on('data', keep);
  server.stderr!.on('data', keep);

  try {
    await waitForHealth(baseURL, server, 120_000);
  } catch (e) {
    server.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n--- server output ---\n${output.join('')}`, { cause: e });
  }
  project.provide('baseURL', baseURL);

  return async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.kill('SIGKILL');
          resolve();
        }, 10_000);
        server.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
