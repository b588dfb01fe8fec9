// Mentor-only panels under an open conversation (a warm transfer, notes …), in the order shown.
// Each is { id, Panel }; Panel gets { handover, me, api, t, refresh } and returns null when it has
// nothing to show for this handover (e.g. one that is not the mentor's own).
export const HANDOVER_PANELS = [];
