import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedCommands } from '../../domain/organisation/seed.ts';
import { LOCAL_HEALTH_PATH } from '../../infra/local/local-paths.ts';
import { freePort } from '../../infra/local/ports.ts';
import { contractFetch } from '../support/contract.ts';

// `npm start` as a user runs it: a child process, its output, Ctrl-C.
const startCli = (args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'infra/local/start.ts', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = () => ({ stdout, stderr });
  const waitFor = async (text: string, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!stdout.includes(text)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`never printed ${text}: ${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, output, waitFor };
};

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });

describe('npm start', () => {
  it('prints what runs where and RS256 tokens with a kid, answers its readiness and /health, and stops everything on Ctrl-C', {
    timeout: 90_000,
  }, async () => {
    const port = await freePort();
    const cli = startCli(['--port', String(port), '--in-memory']);
    await cli.waitFor('Ctrl-C stops everything');
    const { stdout } = cli.output();
    expect(stdout).toContain(`API               http://127.0.0.1:${port}`);
    expect(stdout).toMatch(/agency-reviewer\s+agency:hz-xihu\s+eyJ/);
    // The registry is seeded at start: every organisation the seed registers, each command appended once.
    const registered = new Set(seedCommands.filter((c) => c.command.type === 'RegisterOrganisation').map((c) => c.organisationId));
    expect(stdout).toContain(
      `registry          ${registered.size} organisations (${seedCommands.length} seed commands appended now, 0 already there)`,
    );
    // Every printed token is one API Gateway's JWT authorizer would verify: RSA, with a kid.
    const tokens = [...stdout.matchAll(/\s(eyJ[\w-]+\.[\w-]+\.[\w-]+)/g)].map((m) => m[1]!);
    expect(tokens.length).toBeGreaterThanOrEqual(12);
    for (const token of tokens) {
      const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { alg?: string; kid?: string };
      expect(header).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
      const read = await contractFetch(`http://127.0.0.1:${port}/cases/00000000-0000-8000-8000-000000000000`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(read.status).not.toBe(401);
    }
    const dynamoPort = Number(/DynamoDB Local\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]);
    expect(await accepts(dynamoPort)).toBe(true);
    const readiness = await contractFetch(`http://127.0.0.1:${port}${LOCAL_HEALTH_PATH}`);
    expect(readiness.status).toBe(200);
    expect(await readiness.json()).toMatchObject({ status: 'ok', streamPoller: 'polling' });
    // The route, as in AWS: the queries function's answer, nothing about the local stack.
    const health = await contractFetch(`http://127.0.0.1:${port}/health`);
    expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: 'ok' } });

    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(cli.output().stdout).toContain('Stopped.');
    expect(await accepts(port)).toBe(false);
    expect(await accepts(dynamoPort)).toBe(false);
  });

  it('says in one sentence that the port is taken', { timeout: 30_000 }, async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
    try {
      const cli = startCli(['--port', String(port), '--in-memory']);
      expect(await cli.exited).toBe(1);
      expect(cli.output().stderr.trim()).toBe(
        `Port ${port} is already in use, so the API cannot start there: stop whatever holds it, or pick another with --port.`,
      );
    } finally {
      blocker.close();
    }
  });

  it('says in one sentence that Java is missing', { timeout: 30_000 }, async () => {
    const cli = startCli(['--port', String(await freePort()), '--in-memory'], {
      ...process.env,
      PATH: dirname(process.execPath),
      JAVA_HOME: '',
    });
    expect(await cli.exited).toBe(1);
    expect(cli.output().stderr.trim()).toMatch(/^DynamoDB Local needs Java 17 or newer and no `java` was found on PATH: [^\n]+$/);
  });
});
