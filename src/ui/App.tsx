/**
 * The application shell: toolbar on top, palette left, canvas centre, inspector right,
 * charts below. Each region is its own component; this file only lays them out.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { DesignToolbar } from './design/DesignToolbar.tsx';
import { Palette } from './design/Palette.tsx';
import { Canvas } from './design/Canvas.tsx';
import { SidePanel } from './design/SidePanel.tsx';
import { RunControls } from './sim/RunControls.tsx';
import { ChartsPanel } from './sim/ChartsPanel.tsx';
import { useBootstrap } from './useBootstrap.ts';

export function App() {
  useBootstrap();
  return (
    <ReactFlowProvider>
      <div className="app">
        <header className="app-header" role="banner">
          <h1 className="app-title">SANdbox</h1>
          <DesignToolbar />
          <RunControls />
        </header>
        <main className="app-main">
          <Palette />
          <section className="canvas-region" aria-label="SAN design canvas">
            <Canvas />
          </section>
          <SidePanel />
        </main>
        <ChartsPanel />
      </div>
    </ReactFlowProvider>
  );
}
