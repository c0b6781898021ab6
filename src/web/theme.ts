import {
  Badge,
  type CSSVariablesResolver,
  createTheme,
  defaultVariantColorsResolver,
  Modal,
  Notification,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';

/*
 * One accent colour on neutral surfaces (UI.md). Text must reach WCAG AA: the accent is used at shade 7,
 * and "light" and "subtle" badges and buttons write their label in shade 9 of their colour (Mantine's
 * default, shade 6 on a pale tint, is below 4.5:1 for orange, yellow, teal and cyan, and a hovered button
 * sits on that tint too).
 */
/** Warm colours whose darkest shade is still too light for text on their own tint. */
const darkerThanPalette: Record<string, string> = {
  orange: '#a33a0a',
  yellow: '#7a5200',
  lime: '#3f6212',
  teal: '#06624a',
  green: '#1f6e2e',
  cyan: '#095c6b',
};

/**
 * Filled buttons and badges write white on shade 7, which is below 4.5:1 for these colours (red 3.8:1, the
 * "Delete" and "Disqualify" buttons); shade 9, or the darker tone above, passes.
 */
const filledBackgrounds: Record<string, string> = {
  red: 'var(--mantine-color-red-9)',
  blue: 'var(--mantine-color-blue-9)',
  cyan: 'var(--mantine-color-cyan-9)',
  teal: 'var(--mantine-color-teal-9)',
  green: darkerThanPalette.green ?? '',
  lime: darkerThanPalette.lime ?? '',
  yellow: darkerThanPalette.yellow ?? '',
  orange: darkerThanPalette.orange ?? '',
};

const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light' && input.variant !== 'filled' && input.variant !== 'subtle') return colors;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade !== undefined) return colors;
  if (input.variant === 'filled') {
    const background = filledBackgrounds[parsed.color];
    // Hover goes a little darker still, so the button still answers the pointer.
    return background ? { ...colors, background, hover: `color-mix(in srgb, ${background}, black 12%)` } : colors;
  }
  const text = darkerThanPalette[parsed.color] ?? `var(--mantine-color-${parsed.color}-9)`;
  return { ...colors, color: text, hoverColor: text };
};

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  headings: { fontWeight: '650' },
  variantColorResolver,
  components: {
    // Mantine's close buttons of dialogs and toasts have no name of their own: screen readers would say
    // only "button". "Close dialog" also keeps them apart from a dialog's own "Close" button.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } }),
    // A notice with a title writes its message in gray 6 (3.3:1 on white); the dark gray reads as body text.
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
      styles: { description: { color: 'var(--mantine-color-gray-8)' } },
    }),
    // A badge is a short word that carries meaning ("Closed lost", "Primary"): a crowded table row must
    // not cut it to "CLOSED L…". It keeps its whole width, and the columns of free text give way instead.
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
  },
});

/**
 * Field errors in Mantine's red 6 are 3.3:1 on white, under the 4.5:1 AA asks of text: red 9 reads as
 * clearly an error and passes.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});
