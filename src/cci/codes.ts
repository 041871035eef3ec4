/**
 * CCI error codes: the `EX_XXXXX` names the console prints, CCI's sentence for each and the exit
 * code a command ends with.
 *
 * Owns: the table and the one way an error is printed (`<command>: [EX_XXXXX] <sentence>` and,
 * when there is one, an indented detail line naming the group, device or option at fault).
 * Exit codes are CCI's own return values where known (EX_INVSTP 228, EX_EWSTOT 233 …);
 * EX_CMDERR has no documented number and exits 1, as does any code the engine sends that is not
 * in the table. See docs/console.md, "Error codes".
 */

export interface CciCodeInfo {
  exitCode: number;
  sentence: string;
}

/** Exit code for an error code this table does not know. */
export const EXIT_UNKNOWN_CODE = 1;

export const CCI_CODES: Readonly<Record<string, CciCodeInfo>> = {
  EX_CMDERR: { exitCode: 1, sentence: 'Command syntax error' },
  EX_REQARG: { exitCode: 254, sentence: 'Required Arg list' },
  EX_INVARG: { exitCode: 253, sentence: 'Invalid argument' },
  EX_UNWOPT: { exitCode: 252, sentence: 'Unknown option' },
  EX_ENODEV: { exitCode: 246, sentence: 'No such device' },
  EX_ENOGRP: { exitCode: 239, sentence: 'No such group' },
  EX_ENQVOL: { exitCode: 236, sentence: 'Unmatched volume status within the group' },
  EX_EWSUSE: { exitCode: 234, sentence: 'Pair suspended at WAIT state' },
  EX_EWSTOT: { exitCode: 233, sentence: 'Timeout waiting for specified status' },
  EX_UNWCMD: { exitCode: 230, sentence: 'Unknown command' },
  EX_INVSTP: { exitCode: 228, sentence: 'Invalid pair status' },
  EX_INVVOL: { exitCode: 222, sentence: 'Invalid volume status' },
  EX_CMDRJE: { exitCode: 221, sentence: 'An order to the control/command device was rejected' },
  EX_ENQSIZ: { exitCode: 212, sentence: 'Unmatched volume size for pairing' },
  EX_ENOOBJ: { exitCode: 205, sentence: 'No such Object in the RAID' },
};

export type CciCode = keyof typeof CCI_CODES;

/** Exit code and sentence of `code`; an unknown code exits 1 with a generic sentence. */
export function codeInfo(code: string): CciCodeInfo {
  return CCI_CODES[code] ?? { exitCode: EXIT_UNKNOWN_CODE, sentence: 'Command rejected' };
}

/** An error a command ends with: its code and a detail naming what is at fault. */
export interface CciFailure {
  code: string;
  detail?: string;
}

/** `pairsplit: [EX_INVSTP] Invalid pair status\n  VG01/dev1: …\n`. */
export function formatFailure(command: string, failure: CciFailure): string {
  const head = `${command}: [${failure.code}] ${codeInfo(failure.code).sentence}\n`;
  if (failure.detail === undefined || failure.detail === '') return head;
  return head + failure.detail.split('\n').map((l) => `  ${l}\n`).join('');
}
