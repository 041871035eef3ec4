/**
 * The application shell: toolbar on top, palette left, canvas centre, inspector right, and a
 * bottom dock with the charts (default) and the CCI console. Each region is its own component;
 * this file only lays them out.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { DesignToolbar } from './design/DesignToolbar.tsx';
import { Palette } from './design/Palette.tsx';
import { Canvas } from './design/Canvas.tsx';
import { SidePanel } from './design/SidePanel.tsx';
import { RunControls } from './sim/RunControls.tsx';
import { BottomDock } from './console/BottomDock.tsx';
import { useBootstrap } from './useBootstrap.ts';
import { PlayerStrip } from './player/PlayerStrip.tsx';
import { NarrationCard } from './player/NarrationCard.tsx';

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
        <PlayerStrip />
        <main className="app-main">
          <Palette />
          <section className="canvas-region" aria-label="SAN design canvas">
            <Canvas />
            <NarrationCard />
          </section>
          <SidePanel />
        </main>
        <BottomDock />
      </div>
    </ReactFlowProvider>
  );
}
