/**
 * The Fabric OS (switch console) commands' catalogue entries: usage line and one-line summary,
 * for `help`, completion and docs/console.md (which repeats the usage lines). Merged into the
 * console's list by src/cci/commands.ts.
 */
import type { CciCommandInfo } from '../cci/commands.ts';

const MEMBERS = '"member[; member...]"';

export const FOS_COMMANDS: readonly CciCommandInfo[] = [
  { name: 'login', usage: 'login <switch id or name>', summary: 'Open the console of an FC switch: the Fabric OS zoning commands then apply to its fabric.' },
  { name: 'logout', usage: 'logout', summary: 'Leave the switch console (an open zoning transaction is aborted).' },
  { name: 'alicreate', usage: `alicreate "aliName", ${MEMBERS}`, summary: 'Create an alias of WWPNs and domain,port members.' },
  { name: 'aliadd', usage: `aliadd "aliName", ${MEMBERS}`, summary: 'Add members to an alias.' },
  { name: 'aliremove', usage: `aliremove "aliName", ${MEMBERS}`, summary: 'Remove members from an alias (the last one gone, the alias is deleted).' },
  { name: 'alidelete', usage: 'alidelete "aliName"', summary: 'Delete an alias no zone lists.' },
  { name: 'alishow', usage: 'alishow ["pattern"]', summary: 'Show the defined aliases (all, or those matching; * and ? are wildcards).' },
  { name: 'zonecreate', usage: `zonecreate "zoneName", ${MEMBERS}`, summary: 'Create a zone of WWPNs, domain,port members and aliases.' },
  { name: 'zoneadd', usage: `zoneadd "zoneName", ${MEMBERS}`, summary: 'Add members to a zone.' },
  { name: 'zoneremove', usage: `zoneremove "zoneName", ${MEMBERS}`, summary: 'Remove members from a zone (the last one gone, the zone is deleted).' },
  { name: 'zonedelete', usage: 'zonedelete "zoneName"', summary: 'Delete a zone no configuration lists.' },
  { name: 'zoneshow', usage: 'zoneshow ["pattern"]', summary: 'Show the defined zones matching, or (no pattern) the whole zoning as cfgshow does.' },
  { name: 'cfgcreate', usage: 'cfgcreate "cfgName", "zone[; zone...]"', summary: 'Create a zone configuration.' },
  { name: 'cfgadd', usage: 'cfgadd "cfgName", "zone[; zone...]"', summary: 'Add zones to a configuration.' },
  { name: 'cfgremove', usage: 'cfgremove "cfgName", "zone[; zone...]"', summary: 'Remove zones from a configuration (the last one gone, it is deleted).' },
  { name: 'cfgdelete', usage: 'cfgdelete "cfgName"', summary: 'Delete a configuration that is not in effect.' },
  { name: 'cfgclear', usage: 'cfgclear', summary: 'Clear the defined configuration (every alias, zone and configuration); refused while one is in effect.' },
  { name: 'cfgsave', usage: 'cfgsave', summary: 'Commit the zoning transaction: the fabric (design and running simulation) gets the defined configuration.' },
  { name: 'cfgenable', usage: 'cfgenable "cfgName"', summary: 'Commit the transaction and make the configuration effective: only its zones may talk.' },
  { name: 'cfgdisable', usage: 'cfgdisable', summary: 'Commit the transaction with no configuration in effect: the default zone decides.' },
  { name: 'cfgtransabort', usage: 'cfgtransabort', summary: 'Drop the zoning edits not yet saved.' },
  { name: 'cfgshow', usage: 'cfgshow ["cfgName"]', summary: 'Show the defined configuration (with unsaved edits) and the effective one, in Fabric OS layout.' },
  { name: 'cfgimport', usage: 'cfgimport <newline> <cfgshow text>', summary: 'Read a saved cfgshow output into the zoning transaction (cfgsave commits it).' },
  { name: 'switchshow', usage: 'switchshow', summary: "Show the switch's state and its ports: Online, No_Light, Disabled, and the WWPN or switch each one reaches." },
  { name: 'portshow', usage: 'portshow <port number>', summary: "Show one port's state, address, WWN, the WWNs connected and its speed." },
  { name: 'portdisable', usage: 'portdisable <port number>', summary: 'Disable a switch port (a port fault in the running simulation: paths through it fail).' },
  { name: 'portenable', usage: 'portenable <port number>', summary: 'Enable a disabled switch port again (paths through it come back at the next path check).' },
  { name: 'defzone', usage: 'defzone --allaccess | --noaccess | --show', summary: 'Set (in the transaction) or show what devices see when no configuration is in effect.' },
];
