// Chart colours from the theme. Canvas cannot use CSS variables, so they are read with getComputedStyle at draw
// time and charts are redrawn when the theme changes: VS Code swaps the body class (vscode-light / vscode-dark /
// vscode-high-contrast[-light]); the standalone report follows prefers-color-scheme. media/webview.css maps
// --vscode-* variables (with offline fallbacks) onto the --ea-* names read here.
export interface ChartTheme {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  warning: string;
  critical: string;
  palette: string[];
  highContrast: boolean;
}

const PALETTE_VARS = ['--ea-chart-1', '--ea-chart-2', '--ea-chart-3', '--ea-chart-4', '--ea-chart-5', '--ea-chart-6'];
const FALLBACK_PALETTE = ['#3794ff', '#d18616', '#388a34', '#b180d7', '#e51400', '#bf8803'];

export function readChartTheme(): ChartTheme {
  const cs = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  return {
    foreground: v('--ea-fg', '#616161'),
    muted: v('--ea-muted', '#717171'),
    grid: v('--ea-grid', 'rgba(128,128,128,0.25)'),
    background: v('--ea-bg', '#ffffff'),
    warning: v('--ea-warn', '#bf8803'),
    critical: v('--ea-crit', '#e51400'),
    palette: PALETTE_VARS.map((p, i) => v(p, FALLBACK_PALETTE[i])),
    highContrast,
  };
}

/** Calls `onChange` after the theme changes (body class/attributes, or the OS scheme for the standalone file). */
export function onThemeChange(onChange: () => void): () => void {
  let pending = false;
  const fire = () => {
    if (pending) return;
    pending = true;
    // VS Code updates the CSS variables in the same task as the class; read them on the next frame.
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  };
  const mo = new MutationObserver(fire);
  mo.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind', 'style'] });
  // VS Code sets the variables in a <style> element of the document element as well.
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
  mq?.addEventListener?.('change', fire);
  return () => {
    mo.disconnect();
    mq?.removeEventListener?.('change', fire);
  };
}
