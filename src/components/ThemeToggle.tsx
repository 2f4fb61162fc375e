import { useState } from 'react';
import { applyTheme, storedTheme, THEME_CHOICES, type ThemeChoice } from './theme';

const LABEL: Record<ThemeChoice, string> = { light: 'Light', dark: 'Dark', system: 'System' };
const ICON: Record<ThemeChoice, string> = { light: '☀', dark: '☾', system: '◐' };

/** Light, dark or follow the system; the choice persists across visits (theme.ts). */
export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  return (
    <div className="theme-toggle" role="group" aria-label="Colour theme">
      {THEME_CHOICES.map((c) => (
        <button
          key={c}
          type="button"
          aria-pressed={choice === c}
          title={c === 'system' ? 'Follow the system setting' : `${LABEL[c]} theme`}
          data-testid={`theme-${c}`}
          onClick={() => {
            applyTheme(c);
            setChoice(c);
          }}
        >
          <span aria-hidden="true">{ICON[c]}</span>
          <span className="theme-label">{LABEL[c]}</span>
        </button>
      ))}
    </div>
  );
}
