// PLACEHOLDER: replaced by the simulation UI implementation.
export function ChartsPanel() {
  return null;
}
