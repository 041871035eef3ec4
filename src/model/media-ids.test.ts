/** The media-ID table and the LTO drive/media compatibility rules. */
import { describe, expect, it } from 'vitest';
import {
  driveCanRead,
  driveCanWrite,
  LTO_GENERATIONS,
  ltoMediaId,
  MEDIA_IDS,
  mediaName,
  mediaOfId,
  mediaOfLabel,
  UNSUPPORTED_MEDIA_IDS,
} from './media-ids.ts';

describe('media ids › table', () => {
  it('maps L1…L9 to LTO-1…LTO-9 data cartridges and LT…LZ to LTO-3…LTO-9 WORM', () => {
    LTO_GENERATIONS.forEach((g, i) => expect(MEDIA_IDS.get(`L${i + 1}`)).toEqual({ kind: 'lto', generation: g, worm: false }));
    expect(MEDIA_IDS.get('LT')).toEqual({ kind: 'lto', generation: 'LTO-3', worm: true });
    expect(MEDIA_IDS.get('LW')).toEqual({ kind: 'lto', generation: 'LTO-6', worm: true });
    expect(MEDIA_IDS.get('LZ')).toEqual({ kind: 'lto', generation: 'LTO-9', worm: true });
    expect(MEDIA_IDS.get('D1')).toEqual({ kind: 'dvd-ram' });
    expect(MEDIA_IDS.size).toBe(9 + 7 + 1);
  });

  it('keeps supported and unsupported ids apart, each unsupported one with a reason', () => {
    expect([...UNSUPPORTED_MEDIA_IDS.keys()].sort()).toEqual(['CU', 'D2', 'LA', 'M8']);
    for (const [id, reason] of UNSUPPORTED_MEDIA_IDS) {
      expect(MEDIA_IDS.has(id)).toBe(false);
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it('names the data media id of a generation, and media types for messages', () => {
    expect(ltoMediaId('LTO-8')).toBe('L8');
    expect(mediaName({ kind: 'lto', generation: 'LTO-6', worm: true })).toBe('LTO-6 WORM');
    expect(mediaName({ kind: 'dvd-ram' })).toBe('DVD-RAM');
  });
});

describe('media ids › lookup', () => {
  it('finds the media of a label from its last two characters', () => {
    expect(mediaOfLabel('ULT001L6')).toEqual({ ok: true, media: { kind: 'lto', generation: 'LTO-6', worm: false } });
    expect(mediaOfLabel('DVD001D1')).toEqual({ ok: true, media: { kind: 'dvd-ram' } });
  });

  it('says why an id is unsupported or unknown', () => {
    expect(mediaOfId('M8')).toMatchObject({ ok: false, code: 'unsupported-media', reason: expect.stringMatching(/Type M/) });
    expect(mediaOfId('CU')).toMatchObject({ ok: false, code: 'unsupported-media', reason: expect.stringMatching(/cleaning/) });
    expect(mediaOfId('LS')).toMatchObject({ ok: false, code: 'unknown-media', reason: expect.stringMatching(/L1-L9/) });
  });
});

describe('media ids › drive compatibility', () => {
  it('every drive writes and reads its own generation', () => {
    for (const g of LTO_GENERATIONS) {
      expect(driveCanWrite(g, g)).toBe(true);
      expect(driveCanRead(g, g)).toBe(true);
    }
  });

  it('writes exactly its own and the previous generation', () => {
    const writable = (d: (typeof LTO_GENERATIONS)[number]) => LTO_GENERATIONS.filter((m) => driveCanWrite(d, m));
    expect(writable('LTO-1')).toEqual(['LTO-1']);
    expect(writable('LTO-5')).toEqual(['LTO-4', 'LTO-5']);
    expect(writable('LTO-9')).toEqual(['LTO-8', 'LTO-9']);
  });

  it('reads two generations back up to LTO-7, one from LTO-8 on, never newer', () => {
    const readable = (d: (typeof LTO_GENERATIONS)[number]) => LTO_GENERATIONS.filter((m) => driveCanRead(d, m));
    expect(readable('LTO-7')).toEqual(['LTO-5', 'LTO-6', 'LTO-7']);
    expect(readable('LTO-8')).toEqual(['LTO-7', 'LTO-8']);
    expect(readable('LTO-9')).toEqual(['LTO-8', 'LTO-9']);
    expect(readable('LTO-2')).toEqual(['LTO-1', 'LTO-2']);
  });
});
