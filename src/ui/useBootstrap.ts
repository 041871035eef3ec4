// PLACEHOLDER: replaced by the simulation UI implementation (loads autosave or the demo,
// starts the worker bridge, installs window.sandbox).
export function useBootstrap(): void {}
