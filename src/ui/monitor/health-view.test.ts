/** Monitor tab › health: the devices and cables not OK, with why, and the canvas tint. */
import { describe, expect, it } from 'vitest';
import { diskRebuilding, healthy, linkCut, paths } from './monitor-fixtures.ts';
import { TOPOLOGY } from './monitor-fixtures.ts';
import { healthClass, healthCounts, healthRows } from './health-view.ts';

describe('monitor › health', () => {
  it('lists nothing when every device is OK', () => {
    expect(healthRows(healthy(), TOPOLOGY)).toEqual([]);
    expect(healthCounts(healthy())).toEqual({ failed: 0, degraded: 0 });
  });

  it('lists a cut cable as failed and the server that lost a path as degraded, failed first, with why', () => {
    const rows = healthRows(linkCut(), TOPOLOGY);
    expect(rows.map((r) => [r.id, r.what, r.health, r.isLink])).toEqual([
      ['l1', 'Cable', 'failed', true],
      ['srv1', 'Server', 'degraded', false],
    ]);
    expect(rows[0].name).toBe('srv1 hba0 ↔ sw1 p0');
    expect(rows[0].reasons).toEqual(['link l1 failed at 12.0 s']);
    expect(rows[1].reasons).toEqual(['w1: 1 of 2 paths failed']);
    expect(healthCounts(linkCut())).toEqual({ failed: 1, degraded: 1 });
  });

  it('names the fault and the parity group of a degraded array; counts I/O errors of a server with no path', () => {
    const [ar1] = healthRows(diskRebuilding(), TOPOLOGY);
    expect(ar1).toMatchObject({ id: 'ar1', name: 'Array 1', health: 'degraded' });
    expect(ar1.reasons).toEqual(['disk ar1/PG-1#2 failed at 5.0 s', 'parity group PG-1 rebuilding 35 %']);
    const lost = healthy({
      health: { srv1: 'failed' },
      paths: [paths({ ioErrors: 1500, paths: paths().paths.map((p) => ({ ...p, state: 'failed' as const })) })],
    });
    expect(healthRows(lost, TOPOLOGY)[0].reasons).toEqual(['w1: 2 of 2 paths failed', 'w1: 1,500 I/O errors (no path left)']);
  });

  it('names an id the design does not know as it is', () => {
    expect(healthRows(healthy({ health: { ghost: 'failed' } }), TOPOLOGY)[0]).toMatchObject({ id: 'ghost', name: 'ghost', what: 'Unknown' });
  });

  it('tints failed red and degraded amber on the canvas, nothing when OK', () => {
    expect(healthClass('failed')).toBe(' health-failed');
    expect(healthClass('degraded')).toBe(' health-degraded');
    expect(healthClass('ok')).toBe('');
    expect(healthClass(undefined)).toBe('');
  });
});
