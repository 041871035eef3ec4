/**
 * LUN security as the console sees it now: the design's host groups, WWPNs and LU paths with the
 * changes the console made to the running simulation applied on top (an overlay), so that
 * `raidcom get host_grp | hba_wwn | lun` — and every other command that looks up a host group —
 * reads the state the engine has, not the design the run started from.
 *
 * Owns: `LunSession` (the overlay: the accepted `setHostGroup`, `setLuPath` and `setHostGroupWwpn`
 * actions the design does not hold, in order), `applyLunAction` (one such change to a topology,
 * pure, the same rules as the engine's runtime-access.ts) and `lunView`.
 *
 * Invariants: the overlay stands for the running simulation only while the design is the object
 * it was recorded against and the clock has not gone back (a design edit or a reload from 00:00
 * drops it); with an empty overlay the view IS the design (same object), so every output stays
 * as it was. Does not see changes made by the scenario's timeline (docs/console.md).
 */
import type { Action } from '../model/scenario.ts';
import type { DiskArray, Topology } from '../model/topology.ts';

export type LunAction = Extract<Action, { type: 'setHostGroup' | 'setLuPath' | 'setHostGroupWwpn' }>;

export interface LunSession {
  /** Changes the simulation accepted that the design does not hold, in order. */
  applied: LunAction[];
  /** The design they were made against. */
  design: Topology | null;
  /** Simulated seconds of the last one (an earlier clock means the run restarted). */
  atS: number;
}

export function createLunSession(): LunSession {
  return { applied: [], design: null, atS: 0 };
}

/** The session of a caller that keeps none (`CciContext.lunSecurity` absent): one per process. */
export const sharedLunSession: LunSession = createLunSession();

export const isLunAction = (a: Action): a is LunAction => a.type === 'setHostGroup' || a.type === 'setLuPath' || a.type === 'setHostGroupWwpn';

function changeArray(a: DiskArray, action: LunAction): DiskArray {
  switch (action.type) {
    case 'setHostGroupWwpn':
      return {
        ...a,
        hostGroups: a.hostGroups.map((g) => {
          if (g.id !== action.hostGroupId) return g;
          const rest = g.wwpns.filter((w) => w !== action.wwpn);
          return { ...g, wwpns: action.member ? [...rest, action.wwpn] : rest };
        }),
      };
    case 'setHostGroup':
      if (!action.present) {
        return { ...a, hostGroups: a.hostGroups.filter((g) => g.id !== action.hostGroupId), luPaths: a.luPaths.filter((p) => p.hostGroupId !== action.hostGroupId) };
      }
      if (a.hostGroups.some((g) => g.id === action.hostGroupId)) return a;
      return { ...a, hostGroups: [...a.hostGroups, { id: action.hostGroupId, name: action.hostGroupId, portId: action.portId, wwpns: [] }] };
    case 'setLuPath': {
      const rest = a.luPaths.filter((p) => !(p.portId === action.portId && p.hostGroupId === action.hostGroupId && p.lun === action.lun));
      const added = action.ldevId === undefined ? [] : [{ portId: action.portId, hostGroupId: action.hostGroupId, lun: action.lun, ldevId: action.ldevId }];
      return { ...a, luPaths: [...rest, ...added] };
    }
  }
}

/** `t` with one LUN security change applied to its array (unknown array: `t` unchanged). */
export function applyLunAction(t: Topology, action: LunAction): Topology {
  return { ...t, devices: t.devices.map((d) => (d.kind === 'array' && d.id === action.arrayId ? changeArray(d, action) : d)) };
}

/** Drops the overlay when it no longer stands for the simulation (design changed, clock went back). */
function refresh(session: LunSession, design: Topology, nowS: number): void {
  if (session.applied.length === 0) return;
  if (session.design !== design || nowS < session.atS) {
    session.applied = [];
    session.design = null;
  }
}

/** The design with the session's changes applied; the design itself when there are none. */
export function lunView(design: Topology, session: LunSession, nowS: number): Topology {
  refresh(session, design, nowS);
  return session.applied.reduce(applyLunAction, design);
}

/** Records the LUN security actions among `accepted` (applied to the simulation, not the design). */
export function rememberLunActions(session: LunSession, design: Topology, nowS: number, accepted: readonly Action[]): void {
  const mine = accepted.filter(isLunAction);
  if (mine.length === 0) return;
  refresh(session, design, nowS);
  session.applied.push(...mine);
  session.design = design;
  session.atS = nowS;
}

/** Forgets the overlay (the design now holds the state). */
export function clearLunSession(session: LunSession): void {
  session.applied = [];
  session.design = null;
}
