/**
 * Printing `switchshow` and `portshow` in Fabric OS's layouts (tabs expanded to spaces, as
 * format.ts does for cfgshow), from the port states of ports-state.ts.
 *
 * switchshow: the switch's header (switchName … switchBeacon; switchType, FC Router and the
 * other lines that describe the hardware are left out) and the port table — Index, Port,
 * Address, Media (`id`: an SFP is fitted), Speed (`N8`: auto-negotiated 8 Gb/s), State
 * (Online, No_Light), Proto (`FC`) and what is attached (`F-Port <WWPN>`, `E-Port <WWN>
 * "<name>"`, `FL-Port`, `Disabled`). portshow: the lines about one port's state, its address,
 * its WWN and the WWNs connected, and its speed.
 *
 * Pure. Does not handle deriving the states (ports-state.ts).
 */
import type { SwitchPort, SwitchState } from './ports-state.ts';
import { portWwnOf, switchWwnOf } from './ports-state.ts';

const LABEL_WIDTH = 16;

const field = (label: string, value: string): string => `${`${label}:`.padEnd(LABEL_WIDTH)}${value}`;

const hex2 = (n: number): string => (n & 0xff).toString(16).padStart(2, '0');

export interface SwitchshowContext {
  /** Principal (lowest domain ID of its fabric) or Subordinate. */
  principal: boolean;
  /** The effective configuration's name, or null when none is in effect. */
  effectiveCfg: string | null;
  /** True when the console has no fault status (every cabled port is shown as designed). */
  designOnly: boolean;
}

function portRow(p: SwitchPort): string {
  const cells = `${String(p.index).padStart(4)}${String(p.index).padStart(4)}   ${p.address}   ${'id'.padEnd(6)}${`N${p.speedGbps}`.padEnd(8)}${p.state.padEnd(12)}FC  ${p.comment}`;
  return cells.trimEnd();
}

export function formatSwitchshow(s: SwitchState, c: SwitchshowContext): string {
  const sw = s.switch;
  const head = [
    field('switchName', sw.name),
    field('switchState', s.state),
    field('switchMode', 'Native'),
    field('switchRole', c.principal ? 'Principal' : 'Subordinate'),
    field('switchDomain', String(sw.domainId)),
    field('switchId', `fffc${hex2(sw.domainId)}`),
    field('switchWwn', switchWwnOf(sw)),
    field('zoning', c.effectiveCfg === null ? 'OFF' : `ON (${c.effectiveCfg})`),
    field('switchBeacon', 'OFF'),
  ];
  const table = ['Index Port Address  Media Speed   State       Proto', '='.repeat(50), ...s.ports.map(portRow)];
  const note = c.designOnly ? ['', '(this console cannot read the fault status: ports are shown as the design cables them)'] : [];
  return `${[...head, '', ...table, ...note].join('\n')}\n`;
}

export function formatPortshow(s: SwitchState, p: SwitchPort): string {
  const online = p.state === 'Online';
  const connected = online && p.comment.startsWith('F-Port') ? [p.comment.slice('F-Port'.length).trim()] : online && p.comment.startsWith('E-Port') ? [p.comment.split(/\s+/)[1]] : [];
  const lines = [
    `portName: ${p.portId}`,
    `portDisableReason: ${p.disabled ? 'Disabled' : 'None'}`,
    `portState: ${online ? '1       Online' : '2       Offline'}`,
    `portPhys:  ${online ? '6       In_Sync' : '2       No_Light'}`,
    `portId:    ${p.address}`,
    `portWwn:   ${portWwnOf(s.switch, p.index)}`,
    'portWwn of device(s) connected:',
    ...connected.map((w) => `        ${w}`),
    'Distance:  normal',
    `portSpeed: N${p.speedGbps}Gbps`,
  ];
  return `${lines.join('\n')}\n`;
}
