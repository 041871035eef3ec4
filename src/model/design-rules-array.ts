/**
 * Design rules inside one disk array: parity groups and their usable capacity, LDEVs, host
 * groups on FC ports, and LU paths (port, host group, LUN) → LDEV.
 *
 * Usable capacity of a parity group = diskCount × diskCapacityGiB × (RAID1 ½, RAID5 (n−1)/n,
 * RAID6 (n−2)/n). LDEVs are carved in document order; one that does not fit is reported with the
 * free space left at that point and does not consume space.
 */
import type { IssueList } from './design-issue.ts';
import type { DiskArray, ParityGroup } from './topology.ts';

const MIN_DISKS: Record<ParityGroup['raid'], number> = { RAID1: 2, RAID5: 3, RAID6: 4 };

/** Usable GiB of a parity group after RAID overhead. */
export function parityGroupUsableGiB(pg: ParityGroup): number {
  const raw = pg.diskCount * pg.diskCapacityGiB;
  const n = pg.diskCount;
  if (pg.raid === 'RAID1') return raw / 2;
  if (pg.raid === 'RAID5') return n < 3 ? 0 : (raw * (n - 1)) / n;
  return n < 4 ? 0 : (raw * (n - 2)) / n;
}

function fmtGiB(v: number): string {
  return `${Number.isInteger(v) ? v : v.toFixed(1)} GiB`;
}

function checkParityGroups(a: DiskArray, at: string, issues: IssueList): void {
  const seen = new Set<string>();
  a.parityGroups.forEach((pg, j) => {
    if (seen.has(pg.id)) issues.error(`${at}.parityGroups[${j}].id`, `duplicate parity group id "${pg.id}" in array ${a.id}`, { deviceId: a.id });
    seen.add(pg.id);
    if (pg.diskCount < MIN_DISKS[pg.raid]) {
      issues.error(`${at}.parityGroups[${j}].diskCount`, `parity group ${pg.id}: ${pg.raid} needs at least ${MIN_DISKS[pg.raid]} disks, has ${pg.diskCount}`, { deviceId: a.id });
    }
  });
}

function checkLdevCapacity(a: DiskArray, at: string, issues: IssueList): void {
  const groups = new Map(a.parityGroups.map((pg) => [pg.id, pg] as const));
  const usedGiB = new Map<string, number>();
  a.ldevs.forEach((ldev, j) => {
    const pg = groups.get(ldev.parityGroupId);
    if (!pg) {
      issues.error(`${at}.ldevs[${j}].parityGroupId`, `LDEV ${ldev.id}: parity group "${ldev.parityGroupId}" does not exist in array ${a.id}`, { deviceId: a.id });
      return;
    }
    const usable = parityGroupUsableGiB(pg);
    const used = usedGiB.get(pg.id) ?? 0;
    if (used + ldev.capacityGiB > usable + 1e-9) {
      const free = Math.max(0, usable - used);
      issues.error(
        `${at}.ldevs[${j}].capacityGiB`,
        `LDEV ${ldev.id} (${fmtGiB(ldev.capacityGiB)}) does not fit in parity group ${pg.id}: ${fmtGiB(free)} free of ${fmtGiB(usable)} usable`,
        { deviceId: a.id },
      );
      return;
    }
    usedGiB.set(pg.id, used + ldev.capacityGiB);
  });
}

function checkHostGroups(a: DiskArray, at: string, issues: IssueList): void {
  const seen = new Set<string>();
  const ports = new Map(a.ports.map((p) => [p.id, p] as const));
  a.hostGroups.forEach((hg, j) => {
    if (seen.has(hg.id)) issues.error(`${at}.hostGroups[${j}].id`, `duplicate host group id "${hg.id}" in array ${a.id}`, { deviceId: a.id });
    seen.add(hg.id);
    const port = ports.get(hg.portId);
    if (!port) {
      issues.error(`${at}.hostGroups[${j}].portId`, `host group ${hg.id}: array ${a.id} has no port "${hg.portId}"`, { deviceId: a.id });
    } else if (port.kind !== 'fc') {
      issues.error(`${at}.hostGroups[${j}].portId`, `host group ${hg.id}: port ${hg.portId} is a ${port.kind.toUpperCase()} port; host groups live on FC ports`, { deviceId: a.id });
    }
  });
}

function checkLuPaths(a: DiskArray, at: string, issues: IssueList): void {
  const ports = new Set(a.ports.map((p) => p.id));
  const ldevs = new Set(a.ldevs.map((l) => l.id));
  const groups = new Map(a.hostGroups.map((hg) => [hg.id, hg] as const));
  const luns = new Set<string>();
  a.luPaths.forEach((lp, j) => {
    const p = `${at}.luPaths[${j}]`;
    const refs = { deviceId: a.id };
    if (!ports.has(lp.portId)) issues.error(`${p}.portId`, `LU path: array ${a.id} has no port "${lp.portId}"`, refs);
    const hg = groups.get(lp.hostGroupId);
    if (!hg) issues.error(`${p}.hostGroupId`, `LU path: host group "${lp.hostGroupId}" does not exist in array ${a.id}`, refs);
    else if (hg.portId !== lp.portId) {
      issues.error(`${p}.hostGroupId`, `LU path on port ${lp.portId} uses host group ${hg.id}, which is on port ${hg.portId}`, refs);
    }
    if (!ldevs.has(lp.ldevId)) issues.error(`${p}.ldevId`, `LU path: LDEV "${lp.ldevId}" does not exist in array ${a.id}`, refs);
    const lunKey = `${lp.hostGroupId}\u0000${lp.lun}`;
    if (luns.has(lunKey)) issues.error(`${p}.lun`, `LUN ${lp.lun} is mapped twice in host group ${lp.hostGroupId}`, refs);
    luns.add(lunKey);
  });
}

/** Every rule local to one array; `at` is its path, e.g. `devices[4]`. */
/** Journal IDs are unique within an array (CCI addresses a journal by array and ID). */
function checkJournals(a: DiskArray, at: string, issues: IssueList): void {
  const seen = new Set<number>();
  (a.journals ?? []).forEach((j, k) => {
    if (seen.has(j.id)) issues.error(`${at}.journals[${k}].id`, `journal ID ${j.id} is used twice in array ${a.id}`, { deviceId: a.id });
    seen.add(j.id);
  });
}

export function checkArray(a: DiskArray, at: string, issues: IssueList): void {
  checkParityGroups(a, at, issues);
  checkLdevCapacity(a, at, issues);
  checkHostGroups(a, at, issues);
  checkLuPaths(a, at, issues);
  checkJournals(a, at, issues);
}
