import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { App } from './ui/App.tsx';
import { installLiveEditRecording } from './ui/recording/live-edit-hook.ts';

// While recording, designer and inspector edits go to the running emulation as timeline actions.
installLiveEditRecording();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
