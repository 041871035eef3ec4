/**
 * Console history: ↑/↓ browsing, the draft kept while browsing, and the bound.
 */
import { describe, expect, it } from 'vitest';
import { emptyHistory, historyDown, historyPush, historyUp } from './history.ts';

function withLines(...lines: string[]) {
  return lines.reduce((h, l) => historyPush(h, l), emptyHistory());
}

describe('console › history › push', () => {
  it('stores trimmed lines, skips blanks and a repeat of the newest', () => {
    const h = withLines('pairdisplay -g G', '  ', 'pairdisplay -g G', ' paircreate -g G ');
    expect(h.entries).toEqual(['pairdisplay -g G', 'paircreate -g G']);
  });

  it('keeps at most `max` entries, dropping the oldest', () => {
    let h = emptyHistory();
    for (let i = 0; i < 5; i++) h = historyPush(h, `cmd ${i}`, 3);
    expect(h.entries).toEqual(['cmd 2', 'cmd 3', 'cmd 4']);
  });
});

describe('console › history › browsing', () => {
  it('walks back to the oldest entry and stays there', () => {
    let h = withLines('a', 'b', 'c');
    const texts: string[] = [];
    for (let i = 0; i < 4; i++) {
      const m = historyUp(h, 'draft');
      h = m.state;
      texts.push(m.text);
    }
    expect(texts).toEqual(['c', 'b', 'a', 'a']);
  });

  it('gives back the draft typed before browsing when ↓ passes the newest entry', () => {
    let h = withLines('a', 'b');
    h = historyUp(h, 'pairdis').state;
    h = historyUp(h, 'b').state;
    let m = historyDown(h, 'a');
    expect(m.text).toBe('b');
    m = historyDown(m.state, 'b');
    expect(m.text).toBe('pairdis');
    expect(m.state.cursor).toBeNull();
  });

  it('leaves the input alone when there is nothing to browse', () => {
    expect(historyUp(emptyHistory(), 'x').text).toBe('x');
    expect(historyDown(withLines('a'), 'typed').text).toBe('typed');
  });

  it('stops browsing after a push', () => {
    let h = withLines('a', 'b');
    h = historyUp(h, '').state;
    h = historyPush(h, 'c');
    expect(h.cursor).toBeNull();
    expect(historyUp(h, '').text).toBe('c');
  });
});
