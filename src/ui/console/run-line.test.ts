/**
 * Running a console line with a fake runCci: output blocks, the recording's acceptance time,
 * abandoning a waiting command, and library failures shown as errors.
 */
import { describe, expect, it } from 'vitest';
import type { CciContext, CciOutput } from '../../cci/execute.ts';
import type { Action } from '../../model/scenario.ts';
import { FakeEnv } from './fake-env.ts';
import { CONSOLE_KEYS_HELP, executeLine } from './run-line.ts';

const create: Action = { type: 'pairCreate', group: 'G', device: 'd1', pace: 15, split: false };
const ok = (patch: Partial<CciOutput> = {}): CciOutput => ({ exitCode: 0, stdout: '', stderr: '', actions: [], ...patch });
const signal = () => new AbortController().signal;

describe('console › run line', () => {
  it('answers clear itself', async () => {
    const out = await executeLine('  clear ', new FakeEnv('paused'), async () => ok(), signal());
    expect(out).toMatchObject({ clear: true, blocks: [] });
  });

  it('prints stdout and stderr with the exit code of a failure, and records nothing for it', async () => {
    const out = await executeLine('pairsplit -g G', new FakeEnv('paused'), async () => ({
      exitCode: 1,
      stdout: '',
      stderr: 'pairsplit: [EX_INVSTP] Invalid pair status\n',
      actions: [],
    }), signal());
    expect(out.blocks).toEqual([
      { kind: 'stdout', text: '' },
      { kind: 'stderr', text: 'pairsplit: [EX_INVSTP] Invalid pair status\n' },
      { kind: 'info', text: 'exit code 1' },
    ]);
    expect(out.accepted).toBeNull();
  });

  it('records accepted actions at the time the engine accepted them', async () => {
    const env = new FakeEnv('paused', 12);
    const run = async (_line: string, ctx: CciContext) => {
      await ctx.advance(3); // time passes before the command is accepted
      await ctx.apply(create);
      await ctx.advance(5);
      return ok({ actions: [create] });
    };
    const out = await executeLine('paircreate -g G -d d1 -c 15', env, run, signal());
    expect(out.accepted).toEqual({ atS: 15, actions: [create] });
  });

  it('says how much simulated time a waiting command let pass, before its exit code', async () => {
    const env = new FakeEnv('paused', 10);
    const run = async (_line: string, ctx: CciContext) => {
      for (let i = 0; i < 3; i++) await ctx.advance(1);
      return ok({ exitCode: 233, stderr: 'pairevtwait: [EX_EWSTOT] Timeout waiting for specified status' });
    };
    const out = await executeLine('pairevtwait -g G -s psus -t 3', env, run, signal());
    expect(out.blocks.slice(2)).toEqual([
      { kind: 'info', text: 'done at t=13.0 s (waited 3.0 s of simulated time)' },
      { kind: 'info', text: 'exit code 233' },
    ]);
    const quick = await executeLine('pairdisplay -g G', env, async () => ok({ stdout: 'x' }), signal());
    expect(quick.blocks.some((b) => b.text.startsWith('done at'))).toBe(false);
  });

  it('adds the console keys to help', async () => {
    const out = await executeLine('help', new FakeEnv('paused'), async () => ok({ stdout: 'paircreate ...' }), signal());
    expect(out.blocks.at(-1)).toEqual({ kind: 'info', text: CONSOLE_KEYS_HELP });
  });

  it('returns at once when stopped, even if the command never looks at its context again', async () => {
    const env = new FakeEnv('playing', 7);
    const controller = new AbortController();
    const pending = executeLine('pairevtwait -g G -s pair -t 600', env, () => new Promise<CciOutput>(() => {}), controller.signal);
    controller.abort();
    const out = await pending;
    expect(out.stopped).toBe(true);
    expect(out.blocks[0].text).toBe('^C pairevtwait stopped [t=7.0 s]; nothing after that point was applied');
  });

  it('treats an AbortError out of runCci as stopped, and other failures as console errors', async () => {
    const env = new FakeEnv('playing');
    const controller = new AbortController();
    const waiting = executeLine('pairevtwait -g G -s pair -t 9', env, (_l, ctx) => ctx.advance(1).then(() => ok()), controller.signal);
    controller.abort();
    expect((await waiting).stopped).toBe(true);
    const broken = await executeLine('pairdisplay -g G', env, async () => {
      throw new Error('boom');
    }, signal());
    expect(broken.blocks).toEqual([{ kind: 'stderr', text: 'pairdisplay: console error: boom' }]);
  });
});
