// What a browser page has around the webview bundle: a navigation bar between the pages and the theme toggle
// (auto = the system's prefers-color-scheme, light, dark; remembered in localStorage). The webview bundles
// replace the body's children at start-up, so this is prepended once the document is parsed.
import { button, el } from '../shared/dom';

const THEME_KEY = 'etcd-analyzer.theme';
const THEMES = ['auto', 'light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

const LINKS: readonly [string, string, string][] = [
  ['dashboard', '/', 'Dashboard'],
  ['report', '/report', 'Report'],
  ['chat', '/chat', 'Chat'],
  ['history', '/history', 'History'],
];

function storedTheme(): Theme {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return (THEMES as readonly string[]).includes(t ?? '') ? (t as Theme) : 'auto';
  } catch {
    return 'auto';
  }
}

export function applyTheme(t: Theme): void {
  document.body.classList.remove('theme-light', 'theme-dark');
  if (t !== 'auto') document.body.classList.add(`theme-${t}`);
  document.documentElement.setAttribute('data-theme', t);
}

export function mountChrome(view: string): void {
  let theme = storedTheme();
  applyTheme(theme);
  const nav = el('nav', { class: 'ea-nav', 'aria-label': 'Pages' });
  const list = el('ul', null);
  for (const [id, href, label] of LINKS) {
    const a = el('a', { 'aria-current': id === view ? 'page' : undefined }, label);
    a.href = href;
    list.appendChild(el('li', null, a));
  }
  const toggle = button(`Theme: ${theme}`, () => {
    theme = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // not remembered: still applied
    }
    applyTheme(theme);
    toggle.textContent = `Theme: ${theme}`;
  }, { class: 'secondary', id: 'theme-toggle', 'aria-label': 'Switch colour theme (auto, light, dark)' });
  nav.append(el('span', { class: 'ea-brand' }, 'etcd analyzer'), list, toggle);
  document.body.prepend(nav);
}
