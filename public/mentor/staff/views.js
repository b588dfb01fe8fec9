// The coordinators' pages, in the order of the menu: { id (the #hash), labelKey (in staff.nav), View }.
// A View is called with { t, api } (see ../lib/) and draws its page below the menu.
export const STAFF_VIEWS = [];
