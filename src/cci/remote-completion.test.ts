import { describe, expect, it } from 'vitest';
import { completeRemoteValue } from './remote-completion.ts';
import { REMOTE_TOPOLOGY } from './remote-fixtures.ts';

const at = (line: string) => completeRemoteValue(line, line.length, REMOTE_TOPOLOGY);

describe('cci › remote copy › completion of option values', () => {
  it('paircreate -f offers the fence levels that fit the group, all four without one', () => {
    expect(at('paircreate -g TC01 -f ')).toEqual({ text: 'paircreate -g TC01 -f ', cursor: 22, candidates: ['data', 'never', 'status'] });
    expect(at('paircreate -g TC01 -f n')).toEqual({ text: 'paircreate -g TC01 -f never ', cursor: 28, candidates: [] });
    expect(at('paircreate -g UR01 -f ')).toMatchObject({ text: 'paircreate -g UR01 -f async ', candidates: [] });
    expect(at('paircreate -f ')?.candidates).toEqual(['async', 'data', 'never', 'status']);
  });

  it('-jp / -js offer the journals of the P-VOL / S-VOL array', () => {
    expect(at('paircreate -g UR01 -f async -jp ')?.candidates).toEqual(['1', '5']);
    expect(at('paircreate -g UR01 -f async -js ')).toMatchObject({ text: 'paircreate -g UR01 -f async -js 2 ', candidates: [] });
    expect(at('paircreate -f async -js ')?.candidates).toEqual(['1', '2', '5']);
  });

  it('raidvchkscan -v and -s, pairevtwait -s (with ssws)', () => {
    expect(at('raidvchkscan -v j')).toMatchObject({ text: 'raidvchkscan -v jnl', candidates: ['jnl', 'jnlt'] });
    expect(at('raidvchkscan -v jnl -s 6400')?.candidates).toEqual(['64001', '64002']);
    expect(at('raidvchkscan -v jnl -s arr-r')).toMatchObject({ text: 'raidvchkscan -v jnl -s arr-r ', candidates: [] });
    expect(at('pairevtwait -g TC01 -s ss')?.candidates).toEqual(['ssus', 'ssws']);
  });

  it('leaves every other word to the console completion (null)', () => {
    expect(at('paircreate -g ')).toBeNull();
    expect(at('paircreate -g TC01 -c ')).toBeNull();
    expect(at('pairsplit -g TC01 -f ')).toBeNull();
    expect(at('policy set p1 -f ')).toBeNull();
    expect(at('raidvchkscan')).toBeNull();
  });

  it('completes in the middle of a line, keeping what follows', () => {
    const line = 'paircreate -g TC01 -f st -c 3';
    expect(completeRemoteValue(line, 24, REMOTE_TOPOLOGY)).toEqual({ text: 'paircreate -g TC01 -f status -c 3', cursor: 29, candidates: [] });
  });
});
