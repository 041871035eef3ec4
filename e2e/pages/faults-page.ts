/**
 * Page object for fault injection as a person does it: the canvas's right-click menu on a cable
 * or a device (role `menu`, entries by name, submenus by hovering or the arrow keys), the
 * "Active faults" panel over the canvas with its Repair buttons, and the run controls' Faults…
 * dialog — located by role and accessible name, by test ids otherwise.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class FaultsPage {
  readonly menu: Locator;
  readonly panel: Locator;
  readonly dialog: Locator;
  readonly button: Locator;

  constructor(readonly page: Page) {
    this.menu = page.getByTestId('fault-menu');
    this.panel = page.getByTestId('active-faults');
    this.dialog = page.getByRole('dialog', { name: 'Inject a fault' });
    this.button = page.getByRole('group', { name: 'Run controls' }).getByRole('button', { name: /^Faults…/ });
  }

  /** Right-click cable `linkId` on the canvas (its path's middle). */
  async openCableMenu(linkId: string): Promise<void> {
    await this.page.locator(`.react-flow__edge[data-id="${linkId}"] .react-flow__edge-interaction`).click({ button: 'right', force: true });
    await expect(this.menu).toBeVisible();
  }

  /** Right-click device `deviceId` on the canvas. */
  async openDeviceMenu(deviceId: string): Promise<void> {
    await this.page.locator(`.react-flow__node[data-id="${deviceId}"]`).click({ button: 'right' });
    await expect(this.menu).toBeVisible();
  }

  item(name: string | RegExp): Locator {
    return this.menu.getByRole('menuitem', { name });
  }

  /** The row of an active fault (by its label, e.g. `link fc-db-0`) in the canvas panel. */
  row(label: string): Locator {
    return this.panel.getByRole('listitem').filter({ hasText: label });
  }

  repair(label: string, where: Locator = this.panel): Locator {
    return where.getByRole('button', { name: `Repair ${label}` });
  }

  note(where: Locator = this.panel): Locator {
    return where.getByRole('status');
  }
}
