// PLACEHOLDER: replaced by the designer implementation.
export function Palette() {
  return null;
}
