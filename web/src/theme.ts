import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A deep teal: calm, legible on white, distinct from the red of errors and the green of "won".
const freehold: MantineColorsTuple = [
  '#e6fbfb',
  '#d4f2f3',
  '#a9e4e6',
  '#7ad5d8',
  '#54c8cc',
  '#3cc0c5',
  '#2cbcc1',
  '#18a5aa',
  '#009398',
  '#007f85',
];

export const theme = createTheme({
  primaryColor: 'freehold',
  primaryShade: { light: 8, dark: 6 },
  colors: { freehold },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Hebrew", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Paper: { defaultProps: { radius: 'md' } },
    Card: { defaultProps: { radius: 'md', withBorder: true } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 250 } },
    Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.4, blur: 2 } } },
  },
});
