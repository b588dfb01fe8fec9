// The coordinators' pages, in the order of the menu: { id (the #hash), labelKey (in staff.nav), View }.
// A View is called with { t, api } (see ../lib/) and draws its page below the menu.
import { AccountsView } from './accountsView.js';
import { OverviewView } from './overviewView.js';

export const STAFF_VIEWS = [
  { id: 'overview', labelKey: 'overview', View: OverviewView },
  { id: 'accounts', labelKey: 'accounts', View: AccountsView },
];
