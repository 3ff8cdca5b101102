/**
 * The app's symbol (a room display with a hub of tenants), drawn like the Teams icon in
 * appPackage/color.png so the tab and the app bar match. Decorative: the title names the app.
 */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 192 192" aria-hidden="true" focusable="false">
      <rect width="192" height="192" rx="40" fill="#4F52B2" />
      <g transform="translate(19.2 18.8) scale(0.8)" fill="#fff" stroke="#fff">
        <rect x="40" y="46" width="112" height="76" rx="6" fill="none" strokeWidth="12" />
        <rect x="88" y="126" width="16" height="20" stroke="none" />
        <rect x="66" y="143" width="60" height="10" rx="5" stroke="none" />
        <path d="M66 66 126 102M126 66 66 102" strokeWidth="5" strokeLinecap="round" />
        <circle cx="96" cy="84" r="12" stroke="none" />
        <circle cx="66" cy="66" r="8" stroke="none" />
        <circle cx="126" cy="66" r="8" stroke="none" />
        <circle cx="66" cy="102" r="8" stroke="none" />
        <circle cx="126" cy="102" r="8" stroke="none" />
      </g>
    </svg>
  );
}
