/**
 * Multipath settings of a server and the monitoring settings of a console device (the SAN
 * patent's management console, Figs. 12–13).
 *
 * Owns the zod schemas: `Multipath` (how a server spreads its I/O over several paths to one LU
 * and how fast it fails over) and `Monitoring` (alert thresholds, notification rules, automatic
 * volume moves).
 */
import { z } from 'zod';

/** Same rule as topology.ts `Id` (kept here so this module does not import topology.ts). */
const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'ids use letters, digits and - _ . : only');

/**
 * Multipath I/O (HDLM / dm-multipath). `round-robin` spreads I/Os over every working path;
 * `active-standby` uses the first working path (the cheapest, then the lowest HBA id) and keeps
 * the others for failover. A path that fails is noticed after `failoverS` (dm-multipath's
 * `fast_io_fail_tmo`, 5 s): I/Os sent on it meanwhile wait and are then retried on a survivor.
 * A repaired path is taken back at the next path check (`checkIntervalS`).
 */
export const Multipath = z.object({
  policy: z.enum(['round-robin', 'active-standby']).default('active-standby'),
  failoverS: z.number().min(0).max(120).default(5),
  checkIntervalS: z.number().min(0.1).max(300).default(5),
});
export type Multipath = z.infer<typeof Multipath>;

export const AlertSeverity = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;
export const AlertKind = z.enum([
  'fault',
  'repair',
  'path-failover',
  'path-lost',
  'io-errors',
  'pair-suspended',
  'journal-full',
  'window-miss',
  'threshold',
  'rebuild',
  'volume-move',
]);
export type AlertKind = z.infer<typeof AlertKind>;

/** Which alerts page which role (a storage administrator, the operator on duty, a tenant …). */
export const NotificationRule = z.object({
  id: Id,
  /** The role (or person) paged. */
  role: z.string().min(1).max(80),
  /** Alerts at or above this severity match. */
  minSeverity: AlertSeverity.default('warning'),
  /** Only these kinds (absent: every kind). */
  kinds: z.array(AlertKind).max(16).optional(),
  /** Only alerts on these devices (absent: every device). */
  deviceIds: z.array(Id).max(256).optional(),
});
export type NotificationRule = z.infer<typeof NotificationRule>;

export const Monitoring = z.object({
  /** A parity group busier than this (percent of its disks' time over one second) raises a threshold alert. */
  parityGroupUtilPct: z.number().min(1).max(100).default(80),
  /** A volume whose mean response over one second exceeds this (ms) raises a threshold alert. */
  responseMs: z.number().positive().max(100_000).default(20),
  rules: z.array(NotificationRule).max(64).default([]),
  /**
   * Automatic volume moves (Fig. 15): when a parity group stays above `utilPct` for `sustainS`
   * seconds, its busiest LDEV moves to the least busy group of `targetTier` (same array).
   */
  autoMove: z
    .object({
      utilPct: z.number().min(1).max(100).default(70),
      sustainS: z.number().min(1).max(3600).default(10),
      targetTier: z.enum(['ssd', 'hdd15k', 'hdd7k']).default('ssd'),
    })
    .optional(),
});
export type Monitoring = z.infer<typeof Monitoring>;
