/**
 * Device icons: one small inline SVG per device kind (servers by class), drawn with
 * `currentColor` strokes on a 32×32 grid so they follow the text colour and stay crisp at any
 * zoom. Decorative: the label next to an icon carries the accessible name.
 */
import type { ReactElement } from 'react';
import type { DeviceKind } from '../../model/topology.ts';
import type { ServerClassName } from '../../model/factory.ts';

export type IconKey = Exclude<DeviceKind, 'server'> | `server-${ServerClassName}`;

const PATHS: Record<IconKey, ReactElement> = {
  'server-mainframe': (
    <>
      <rect x="4" y="4" width="24" height="24" rx="2" />
      <path d="M10 4v24M16 4v24M22 4v24M6 9h2M12 9h2M18 9h2M24 9h2" />
      <circle cx="7" cy="24" r="0.8" fill="currentColor" />
    </>
  ),
  'server-unix': (
    <>
      <rect x="5" y="5" width="22" height="6" rx="1" />
      <rect x="5" y="13" width="22" height="6" rx="1" />
      <rect x="5" y="21" width="22" height="6" rx="1" />
      <path d="M9 8h8M9 16h8M9 24h8" />
      <circle cx="23" cy="8" r="1" fill="currentColor" />
      <circle cx="23" cy="16" r="1" fill="currentColor" />
      <circle cx="23" cy="24" r="1" fill="currentColor" />
    </>
  ),
  'server-pc': (
    <>
      <rect x="10" y="3" width="12" height="26" rx="2" />
      <path d="M13 8h6M13 11h6" />
      <circle cx="16" cy="22" r="2" />
    </>
  ),
  client: (
    <>
      <rect x="4" y="6" width="24" height="15" rx="1.5" />
      <path d="M16 21v5M10 27h12" />
    </>
  ),
  fcSwitch: (
    <>
      <rect x="3" y="9" width="26" height="14" rx="2" />
      <path d="M8 14h14l-3-3M24 18H10l3 3" />
    </>
  ),
  fcHub: (
    <>
      <circle cx="16" cy="16" r="5" />
      <path d="M16 3v8M16 21v8M3 16h8M21 16h8M7 7l5.5 5.5M25 25l-5.5-5.5M25 7l-5.5 5.5M7 25l5.5-5.5" />
    </>
  ),
  bridge: (
    <>
      <rect x="3" y="10" width="10" height="12" rx="1.5" />
      <rect x="19" y="10" width="10" height="12" rx="1.5" />
      <path d="M13 14h6M13 18h6" />
    </>
  ),
  array: (
    <>
      <ellipse cx="16" cy="7" rx="10" ry="3.5" />
      <path d="M6 7v18c0 1.9 4.5 3.5 10 3.5s10-1.6 10-3.5V7" />
      <path d="M6 13c0 1.9 4.5 3.5 10 3.5s10-1.6 10-3.5M6 19c0 1.9 4.5 3.5 10 3.5s10-1.6 10-3.5" />
    </>
  ),
  tapeLibrary: (
    <>
      <rect x="3" y="7" width="26" height="18" rx="2" />
      <circle cx="10.5" cy="15" r="3.5" />
      <circle cx="21.5" cy="15" r="3.5" />
      <path d="M10.5 18.5h11M8 25l2-4h12l2 4" />
    </>
  ),
  dvdLibrary: (
    <>
      <rect x="3" y="3" width="26" height="26" rx="2" />
      <circle cx="16" cy="16" r="9" />
      <circle cx="16" cy="16" r="2.5" />
      <path d="M16 9.5a6.5 6.5 0 0 1 6.5 6.5" />
    </>
  ),
  lanSegment: (
    <>
      <path d="M3 16h26" strokeWidth="2.5" />
      <path d="M8 16V9M16 16V9M24 16V9M12 16v7M20 16v7" />
      <rect x="6" y="5" width="4" height="4" />
      <rect x="14" y="5" width="4" height="4" />
      <rect x="22" y="5" width="4" height="4" />
    </>
  ),
  wanLink: (
    <>
      <circle cx="16" cy="16" r="12" />
      <path d="M4 16h24M16 4c-4 4-4 20 0 24M16 4c4 4 4 20 0 24M6.5 9h19M6.5 23h19" />
    </>
  ),
  console: (
    <>
      <rect x="4" y="5" width="24" height="17" rx="1.5" />
      <path d="M7 17l5-5 4 3 5-6 4 4M16 22v4M10 27h12" />
    </>
  ),
};

/** The icon key of a device: servers are drawn by class. */
export function iconKey(kind: DeviceKind, serverClass?: ServerClassName): IconKey {
  return kind === 'server' ? `server-${serverClass ?? 'unix'}` : kind;
}

export function DeviceIcon({ icon, size = 28 }: { icon: IconKey; size?: number }) {
  return (
    <svg
      className="device-icon"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[icon]}
    </svg>
  );
}
