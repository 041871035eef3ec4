/**
 * The zoning part of the topology schema (Brocade Fabric OS): zone object names, members, zones,
 * aliases, configurations and the zoning database an FC switch holds. Re-exported by
 * topology.ts, which owns the rest of the document; the rules are in zoning.ts.
 *
 * Pure data: no DOM, no Node, no React.
 */
import { z } from 'zod';

/** A Fabric OS zone object name: a letter, then letters, digits and underscores (at most 64). */
export const ZoneName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a zoning name starts with a letter and uses letters, digits and _ (at most 64)');
/**
 * A zone or alias member: a WWPN (`50:06:0e:80:00:00:00:01`), a switch port as `domain,port`
 * (`1,4`: the device cabled to port 4 of the switch with domain ID 1), or an alias name.
 */
export const ZoneMember = z.string().regex(/^(([0-9a-fA-F]{2}:){7}[0-9a-fA-F]{2}|\d{1,3},\d{1,3}|[A-Za-z][A-Za-z0-9_]{0,63})$/, 'a zone member is a WWPN, a domain,port pair or an alias name');
export const ZoneObject = z.object({ name: ZoneName, members: z.array(ZoneMember).min(1).max(4096) });
export type ZoneObject = z.infer<typeof ZoneObject>;

/**
 * The zoning database of a fabric (Brocade Fabric OS): aliases, zones, configurations (the
 * defined configuration), the one configuration enabled as effective, and the default-zone
 * policy used when none is effective. The fabric's zoning lives on its principal switch (the
 * one with the lowest domain ID that holds a zoning database).
 */
export const Zoning = z.object({
  aliases: z.array(ZoneObject).max(4096).default([]),
  zones: z.array(ZoneObject).max(4096).default([]),
  /** Configurations: each lists zone names. */
  cfgs: z.array(ZoneObject).max(256).default([]),
  /** The configuration enabled with `cfgenable` (absent: no effective configuration). */
  effectiveCfg: ZoneName.optional(),
  /** With no effective configuration: every device sees every device (`allaccess`) or none (`noaccess`). */
  defaultZone: z.enum(['allaccess', 'noaccess']).default('allaccess'),
});
export type Zoning = z.infer<typeof Zoning>;
