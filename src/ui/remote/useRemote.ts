/**
 * Narrow selectors over the sim slice's remote-copy status: one remote group or WAN link by key,
 * the key lists, a group's newest verification, and the remote groups the design defines (known
 * before the engine reports them: the tab's count and the empty state). The status is shared
 * structurally between batches (sim-slice `shareStructure`), so a card re-renders only when its
 * own part changed. Key lists are selected as one joined string, so a list re-renders only when
 * its membership changes.
 */
import type { RemoteGroupStatus, RemoteVerification, WanLinkStatus } from '../../engine/api.ts';
import { useStore } from '../store/index.ts';
import { latestVerification } from './remote-format.ts';
import { designRemoteKeys } from './remote-topology.ts';

function splitKeys(joined: string): string[] {
  return joined === '' ? [] : joined.split('\n');
}

export function useRemoteLoaded(): boolean {
  return useStore((s) => s.sim.remote !== null);
}

export function useDesignRemoteKeys(): string[] {
  return splitKeys(useStore((s) => designRemoteKeys(s.scenario.topology).join('\n')));
}

/** The engine's groups when it reports them, else the design's. */
export function useGroupKeys(): string[] {
  return splitKeys(useStore((s) => (s.sim.remote ? s.sim.remote.groups.map((g) => g.key) : designRemoteKeys(s.scenario.topology)).join('\n')));
}

export function useGroup(key: string): RemoteGroupStatus | undefined {
  return useStore((s) => s.sim.remote?.groups.find((g) => g.key === key));
}

export function useWanIds(): string[] {
  return splitKeys(useStore((s) => (s.sim.remote?.wanLinks ?? []).map((l) => l.id).join('\n')));
}

export function useWanLink(id: string): WanLinkStatus | undefined {
  return useStore((s) => s.sim.remote?.wanLinks.find((l) => l.id === id));
}

/** The newest verification of the group's copy groups (same object until a new one arrives). */
export function useLatestVerification(g: Pick<RemoteGroupStatus, 'key' | 'copyGroups'> | undefined): RemoteVerification | null {
  return useStore((s) => (g && s.sim.remote ? latestVerification(g, s.sim.remote.verifications) : null));
}
