// PLACEHOLDER: replaced by the designer implementation.
export function SidePanel() {
  return null;
}
