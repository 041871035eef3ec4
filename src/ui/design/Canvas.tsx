// PLACEHOLDER: replaced by the designer implementation.
export function Canvas() {
  return null;
}
