import type { ReactNode, SVGProps } from 'react';

/**
 * Line icons (24×24, currentColor). Decorative: the text beside them carries the meaning.
 *
 * Each icon is drawn once per page, as a `<symbol>` of the hidden sprite (`IconSprite`, rendered by
 * app-routes.tsx on every route); an icon on screen is a reference to it, `<svg><use href="#icon-…"/></svg>`
 * (an in-document reference: no request, nothing for the CSP to allow). A table of 25 rows carries
 * about a hundred icons, so they are 70 bytes each instead of 300.
 */
type IconProps = SVGProps<SVGSVGElement> & {
  /** Pixels square; `null`: sized by a class instead (`size-4`, a few bytes less where 25 rows repeat it). */
  size?: number | null;
};

const SHAPES = {
  lock: (
    <>
      <rect x="4" y="11" width="16" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </>
  ),
  unlock: (
    <>
      <rect x="4" y="11" width="16" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 7.8-1.3" />
    </>
  ),
  online: (
    <>
      <path d="M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0" />
      <circle cx="12" cy="19.5" r="0.8" fill="currentColor" />
    </>
  ),
  offline: (
    <>
      <path d="M3 3l18 18M8.5 16a5 5 0 0 1 7 0M5 12.5a10 10 0 0 1 5-2.7M14.5 9.9a10 10 0 0 1 4.5 2.6" />
      <circle cx="12" cy="19.5" r="0.8" fill="currentColor" />
    </>
  ),
  question: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5v.2M12 17h.01" />
    </>
  ),
  'battery-low': (
    <>
      <rect x="2" y="7" width="17" height="10" rx="2" />
      <path d="M22 11v2M5.5 10v4" />
    </>
  ),
  search: (
    <>
      <circle cx="11" cy="11" r="7" />
      <path d="M20 20l-3.5-3.5" />
    </>
  ),
  refresh: <path d="M20 11a8 8 0 0 0-14.5-4.5L4 8M4 4v4h4M4 13a8 8 0 0 0 14.5 4.5L20 16M20 20v-4h-4" />,
  pause: <path d="M9 5v14M15 5v14" />,
  play: <path d="M7 5l12 7-12 7z" />,
  'chevron-left': <path d="M15 18l-6-6 6-6" />,
  'chevron-right': <path d="M9 18l6-6-6-6" />,
  'sort-up': <path d="M8 10l4-4 4 4" />,
  'sort-down': <path d="M8 14l4 4 4-4" />,
  warning: (
    <>
      <path d="M12 3l10 18H2z" />
      <path d="M12 10v5M12 18h.01" />
    </>
  ),
  picture: (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <circle cx="9" cy="10" r="2" />
      <path d="M21 16l-5-5-9 9" />
    </>
  ),
  close: <path d="M6 6l12 12M18 6L6 18" />,
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof SHAPES;
export const ICON_NAMES = Object.keys(SHAPES) as IconName[];

/**
 * The one hidden `<svg>` of every icon's `<symbol>`: once per document, before anything that uses them.
 * Their stroke is drawn by index.css's `use` rule (inherited into each copy), not repeated per symbol.
 */
export function IconSprite() {
  return (
    <svg style={{ display: 'none' }} aria-hidden="true">
      {ICON_NAMES.map((name) => (
        <symbol
          key={name}
          id={`icon-${name}`}
          viewBox="0 0 24 24"
        >
          {SHAPES[name]}
        </symbol>
      ))}
    </svg>
  );
}

/** One icon of the sprite, `size` pixels square. */
export function Icon({ name, size = 16, ...props }: IconProps & { name: IconName }) {
  return (
    <svg width={size ?? undefined} height={size ?? undefined} aria-hidden="true" {...props}>
      <use href={`#icon-${name}`} />
    </svg>
  );
}

export const LockIcon = (p: IconProps) => <Icon {...p} name="lock" />;
export const UnlockIcon = (p: IconProps) => <Icon {...p} name="unlock" />;
export const OnlineIcon = (p: IconProps) => <Icon {...p} name="online" />;
export const OfflineIcon = (p: IconProps) => <Icon {...p} name="offline" />;
export const QuestionIcon = (p: IconProps) => <Icon {...p} name="question" />;
export const BatteryLowIcon = (p: IconProps) => <Icon {...p} name="battery-low" />;
export const SearchIcon = (p: IconProps) => <Icon {...p} name="search" />;
export const RefreshIcon = (p: IconProps) => <Icon {...p} name="refresh" />;
export const PauseIcon = (p: IconProps) => <Icon {...p} name="pause" />;
export const PlayIcon = (p: IconProps) => <Icon {...p} name="play" />;
export const ChevronLeftIcon = (p: IconProps) => <Icon {...p} name="chevron-left" />;
export const ChevronRightIcon = (p: IconProps) => <Icon {...p} name="chevron-right" />;
export const WarningIcon = (p: IconProps) => <Icon {...p} name="warning" />;
export const PictureIcon = (p: IconProps) => <Icon {...p} name="picture" />;
export const CloseIcon = (p: IconProps) => <Icon {...p} name="close" />;

/** Both arrows, the current order's at full strength (the other faint, or both when unsorted). */
export const SortIcon = ({ sortOrder: order, size = 16, ...rest }: IconProps & { sortOrder: 'asc' | 'desc' | null }) => (
  <svg width={size ?? undefined} height={size ?? undefined} aria-hidden="true" {...rest}>
    {order !== 'desc' && <use href="#icon-sort-up" opacity={order === 'asc' ? 1 : 0.4} />}
    {order !== 'asc' && <use href="#icon-sort-down" opacity={order === 'desc' ? 1 : 0.4} />}
  </svg>
);
