// The coordinators' pages, in the order of the menu: { id (the #hash), labelKey (in staff.nav), View }.
// A View is called with { t, api } (see ../lib/) and draws its page below the menu.
import { AuditView } from './auditView.js';
import { StatsView } from './statsView.js';
import { UnansweredView } from './unansweredView.js';

export const STAFF_VIEWS = [
  { id: 'stats', labelKey: 'stats', View: StatsView },
  { id: 'unanswered', labelKey: 'unanswered', View: UnansweredView },
  { id: 'audit', labelKey: 'audit', View: AuditView },
];
