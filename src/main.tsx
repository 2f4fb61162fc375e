import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/app.css';
import './styles/shell.css';
import { App } from './app/App';
import { installHook } from './app/hook';
import { useAppStore } from './store/appStore';

installHook();
useAppStore.getState().loadLocation(window.location.hash);
window.addEventListener('hashchange', () => useAppStore.getState().loadLocation(window.location.hash));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
