// The coordinators' pages, in the order of the menu: { id (the #hash), labelKey (in staff.nav), View }.
// A View is called with { t, api, me } (see ../lib/; me: the coordinator logged in) and draws its page
// below the menu.
import { AccountsView } from './accountsView.js';
import { AuditView } from './auditView.js';
import { HoursView } from './hoursView.js';
import { OverviewView } from './overviewView.js';
import { StatsView } from './statsView.js';
import { UnansweredView } from './unansweredView.js';

export const STAFF_VIEWS = [
  { id: 'overview', labelKey: 'overview', View: OverviewView },
  { id: 'stats', labelKey: 'stats', View: StatsView },
  { id: 'accounts', labelKey: 'accounts', View: AccountsView },
  { id: 'hours', labelKey: 'hours', View: HoursView },
  { id: 'unanswered', labelKey: 'unanswered', View: UnansweredView },
  { id: 'audit', labelKey: 'audit', View: AuditView },
];
