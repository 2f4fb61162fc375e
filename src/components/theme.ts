/**
 * The reader's colour theme: 'light', 'dark' or 'system' (follow the operating system), kept in localStorage and
 * applied as html[data-theme]. app.css resolves every colour with light-dark(), so the attribute only has to pin
 * color-scheme. index.html applies the stored choice before the first paint with the same key; keep them in step.
 */
export type ThemeChoice = 'light' | 'dark' | 'system';
export const THEME_STORAGE_KEY = 'score-lab-theme';
export const THEME_CHOICES: readonly ThemeChoice[] = ['light', 'dark', 'system'];

export function storedTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system'; // storage blocked (private mode, sandboxed frame): follow the system
  }
}

export function applyTheme(choice: ThemeChoice): void {
  document.documentElement.setAttribute('data-theme', choice);
  try {
    if (choice === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // not persisted, but applied for this visit
  }
}
