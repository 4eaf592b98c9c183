import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SandboxNetwork } from './network.ts';

const text = (id: string, body: string) =>
  ({ id, from: '4915112344567', type: 'text', text: body, at: 1 }) as const;

describe('the network log', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-network-log-'));
    file = join(dir, 'network.jsonl');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes what a burst delivered once it is done, in order', async () => {
    const network = new SandboxNetwork({ stateFile: file });
    for (let n = 1; n <= 3; n++) network.deliver('4917000000001', text(`sb_${n}`, `#${n}`));
    await Promise.resolve();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).message.text)).toEqual(['#1', '#2', '#3']);
    network.close();
  });

  it('loses nothing on a clean close: the next run reads every message back', () => {
    const network = new SandboxNetwork({ stateFile: file });
    network.deliver('4917000000001', text('sb_1', 'before the restart'));
    network.close();
    const next = new SandboxNetwork({ stateFile: file });
    expect(next.phoneMessages('4917000000001').map((m) => m.text)).toEqual(['before the restart']);
    // A closed log opens its file again if the network is used after all.
    network.deliver('4917000000002', text('sb_2', 'after close'));
    network.close();
    expect(new SandboxNetwork({ stateFile: file }).phoneMessages('4917000000002')).toHaveLength(1);
  });

  it('a log it cannot write is reported, and the network goes on', async () => {
    const network = new SandboxNetwork({ stateFile: file });
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
    rmSync(dir, { recursive: true, force: true });
    network.deliver('4917000000001', text('sb_1', 'kept in memory'));
    await Promise.resolve();
    expect(reported).toHaveBeenCalledWith(
      '[switchboard] the sandbox network could not write its log',
      expect.any(Error),
    );
    expect(network.phoneMessages('4917000000001').map((m) => m.text)).toEqual(['kept in memory']);
    reported.mockRestore();
  });

  it('a second network over the same file sees what the first has not written yet', () => {
    const first = new SandboxNetwork({ stateFile: file });
    first.deliver('4917000000001', text('sb_1', 'still pending'));
    const second = new SandboxNetwork({ stateFile: file });
    expect(second.phoneMessages('4917000000001').map((m) => m.text)).toEqual(['still pending']);
  });
});
