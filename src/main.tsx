import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/app.css';
import './styles/shell.css';
import './styles/reader-pass.css';
import { App } from './app/App';
import { installHook } from './app/hook';
import { READING_PATH } from './app/pages';
import { useAppStore } from './store/appStore';

installHook();
useAppStore.getState().loadLocation(window.location.hash);
// Fetch the first page's code now rather than when React first renders it.
void READING_PATH.find((p) => p.id === useAppStore.getState().page)?.load?.();
window.addEventListener('hashchange', () => useAppStore.getState().loadLocation(window.location.hash));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
