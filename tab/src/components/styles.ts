/**
 * Layout classes several pages and dialogs share, so each page does not restate them: a
 * column of fields, a wrapping row of buttons, a section with its heading, the facts list
 * (term / value grid), a card, and the secondary text colour.
 */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useSharedStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, ':focus': { outlineStyle: 'none' } },
  card: { padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalM },
  cardTop: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
  },
  sub: { display: 'block', color: tokens.colorNeutralForeground3 },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  // A link drawn on a <button> (opens a detail pane): in forced colours a button takes the
  // button colours, so it would no longer look like a link; give it the system's link look.
  buttonLink: {
    textAlign: 'start',
    '@media (forced-colors: active)': { color: 'LinkText', textDecorationLine: 'underline' },
  },
  facts: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  narrow: { maxWidth: '160px' },
  /** A page-level form: long lines are hard to read and to scan. */
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '760px',
  },
  wideSurface: { maxWidth: '760px', width: '100%' },
  choices: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    paddingInlineStart: tokens.spacingHorizontalL,
  },
  fieldset: { border: 'none', margin: 0, padding: 0 },
  steps: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    margin: 0,
    paddingInlineStart: 0,
    listStyleType: 'none',
    color: tokens.colorNeutralForeground3,
  },
  current: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  error: { color: tokens.colorPaletteRedForeground1 },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingBlock: tokens.spacingVerticalXS },
});
