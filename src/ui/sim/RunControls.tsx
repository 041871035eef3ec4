// PLACEHOLDER: replaced by the simulation UI implementation.
export function RunControls() {
  return null;
}
