// PLACEHOLDER: replaced by the designer implementation.
export function DesignToolbar() {
  return null;
}
