/**
 * Page object for the designer: the palette, the canvas (nodes, port handles, cables), the
 * status line, the inspector and the toolbar — located the way a person finds them (roles and
 * accessible names), except port handles, which React Flow marks with data attributes.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class DesignerPage {
  readonly palette: Locator;
  readonly canvas: Locator;
  readonly pane: Locator;
  readonly status: Locator;
  readonly inspector: Locator;
  readonly toolbar: Locator;

  constructor(readonly page: Page) {
    this.palette = page.getByRole('navigation', { name: 'Device palette' });
    this.canvas = page.getByRole('region', { name: 'SAN design canvas' });
    this.pane = this.canvas.locator('.react-flow__pane');
    this.status = page.getByTestId('canvas-status');
    this.inspector = page.getByRole('tabpanel');
    this.toolbar = page.getByRole('toolbar', { name: 'Design' });
  }

  paletteItem(label: string): Locator {
    return this.palette.getByRole('button', { name: label, exact: true });
  }

  node(deviceId: string): Locator {
    return this.canvas.locator(`.react-flow__node[data-id="${deviceId}"]`);
  }

  handle(deviceId: string, portId: string): Locator {
    return this.node(deviceId).locator(`.react-flow__handle[data-handleid="${portId}"]`);
  }

  edges(): Locator {
    return this.canvas.locator('.react-flow__edge');
  }

  toolbarButton(name: string): Locator {
    return this.toolbar.getByRole('button', { name, exact: true });
  }

  /** Start from an empty design. */
  async newDesign(): Promise<void> {
    await this.toolbarButton('New').click();
    await expect(this.canvas.locator('.react-flow__node')).toHaveCount(0);
  }

  /** Drag a palette entry onto the canvas, dropping at (x, y) relative to the canvas pane. */
  async dragFromPalette(label: string, x: number, y: number): Promise<void> {
    await this.paletteItem(label).dragTo(this.pane, { targetPosition: { x, y } });
  }

  /** Drag a cable from one port handle to another with the real mouse. */
  async cable(from: [string, string], to: [string, string]): Promise<void> {
    const a = await this.centre(this.handle(...from));
    const b = await this.centre(this.handle(...to));
    await this.page.mouse.move(a.x, a.y);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
    await this.page.mouse.move(b.x, b.y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Hover a cable over a target port without releasing (to read the live reason). */
  async startCableOver(from: [string, string], to: [string, string]): Promise<void> {
    const a = await this.centre(this.handle(...from));
    const b = await this.centre(this.handle(...to));
    await this.page.mouse.move(a.x, a.y);
    await this.page.mouse.down();
    await this.page.mouse.move(b.x, b.y, { steps: 12 });
  }

  async select(deviceId: string): Promise<void> {
    await this.node(deviceId).locator('.san-node-name').click();
    await expect(this.inspector.getByRole('heading', { level: 2 })).toBeVisible();
  }

  /** Type into an inspector field (by accessible name) and commit with Enter. */
  async setField(name: string, value: string): Promise<void> {
    const field = this.inspector.getByLabel(name, { exact: true });
    await field.fill(value);
    await field.press('Enter');
  }

  private async centre(l: Locator): Promise<{ x: number; y: number }> {
    const box = await l.boundingBox();
    if (!box) throw new Error('element has no box');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
}
