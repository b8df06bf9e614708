// Pickup points' fixed vocabularies, shared by the server and the web UI (this file imports nothing, so the UI can use
// it without pulling server code into its bundle).

export const PICKUP_KINDS = ['own', 'partner', 'carrier'] as const;
export type PickupKind = (typeof PICKUP_KINDS)[number];
export const CAPABILITIES = ['pickup', 'return_dropoff', 'fitting_room', 'cash_on_delivery'] as const;
export type Capability = (typeof CAPABILITIES)[number];
