/**
 * What coordinators change is in the audit log (issue 13, point 9), on SQLite and on PostgreSQL:
 * adding, disabling, enabling an account, resetting its password, changing its role, saving the
 * opening hours. One row per change that happened (a refused change leaves none), by the
 * coordinator's username, naming the account (a role change with the new role) or `hours`; never a
 * password or a note. The hours say
 * who saved them, and a bad save names the field of each problem.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mentorApiSetting } from '../support/mentorApi.js';
import { describeWith } from '../support/needs.js';
import { POSTGRES_MISSING, type PostgresServer, startTestPostgres } from '../support/postgresServer.js';

const postgres = await startTestPostgres();

const NINE_TO_THREE = [{ from: '09:00', to: '15:00' }];
const WEEKDAYS = { mon: NINE_TO_THREE, tue: NINE_TO_THREE, wed: NINE_TO_THREE, thu: NINE_TO_THREE, fri: NINE_TO_THREE };
const week = (days: Record<string, Array<{ from: string; to: string }>>) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, days[day] ?? []]));

interface AuditRow {
  at: string;
  actor: string;
  action: string;
  target: string | null;
}

function describeAuditRows(name: string, databaseUrl: () => Promise<string | undefined>): void {
  describe(`audit rows of account and hours changes on ${name}`, () => {
    const setting = mentorApiSetting({
      accounts: [{ username: 'liv', role: 'coordinator' }],
      app: { openingHours: 'mon-fri 09:00-15:00' },
      databaseUrl,
    });
    const liv = setting.client('liv');

    /** the rows written since the test's logins, oldest first */
    async function auditRows(): Promise<AuditRow[]> {
      const { status, data } = await liv.request('GET', '/api/staff/audit?days=7');
      expect(status).toBe(200);
      return (data as AuditRow[]).filter((row) => row.action !== 'login');
    }

    /** one change, a second apart, so that the rows keep their order */
    async function change(method: 'POST' | 'PUT', path: string, body?: unknown) {
      setting.app.clock.advance(1000);
      return liv.request(method, path, body);
    }

    it('writes one row per change, by the coordinator, naming the account or the hours', async () => {
      const added = await change('POST', '/api/staff/accounts', { username: 'Per', role: 'mentor' });
      expect(added.status).toBe(201);
      const { oneTimePassword } = added.data as { oneTimePassword: string };
      expect((await change('POST', '/api/staff/accounts/per/disable')).status).toBe(200);
      expect((await change('POST', '/api/staff/accounts/per/enable')).status).toBe(200);
      const reset = await change('POST', '/api/staff/accounts/per/reset-password');
      expect(reset.status).toBe(200);
      expect((await change('POST', '/api/staff/accounts/per/role', { role: 'coordinator' })).status).toBe(200);
      expect((await change('POST', '/api/staff/accounts/per/role', { role: 'mentor' })).status).toBe(200);
      // refused: nothing happened, so nothing is logged
      expect((await change('POST', '/api/staff/accounts/nobody/disable')).status).toBe(404);
      expect((await change('POST', '/api/staff/accounts', { username: 'per' })).status).toBe(409);
      expect((await change('PUT', '/api/staff/hours', { always: 'yes' })).status).toBe(400);
      const saved = await change('PUT', '/api/staff/hours', {
        always: false,
        weekly: week(WEEKDAYS),
        exceptions: [{ date: '2026-12-04', open: [], note: 'Fagdag for alle mentorene' }],
      });
      expect(saved).toMatchObject({
        status: 200,
        data: {
          source: 'saved',
          savedBy: 'liv',
          updatedAt: setting.app.clock.now.toISOString(),
          exceptions: [{ date: '2026-12-04', open: [], note: 'Fagdag for alle mentorene' }],
        },
      });

      const rows = await auditRows();
      expect(rows.map(({ actor, action, target }) => ({ actor, action, target }))).toEqual([
        { actor: 'liv', action: 'account.create', target: 'per' },
        { actor: 'liv', action: 'account.disable', target: 'per' },
        { actor: 'liv', action: 'account.enable', target: 'per' },
        { actor: 'liv', action: 'account.passwordReset', target: 'per' },
        // the row names the role the account has now
        { actor: 'liv', action: 'account.roleChange', target: 'per → coordinator' },
        { actor: 'liv', action: 'account.roleChange', target: 'per → mentor' },
        { actor: 'liv', action: 'hours.change', target: 'hours' },
      ]);
      expect(rows.at(-1)?.at).toBe(setting.app.clock.now.toISOString());
      const logged = JSON.stringify(rows);
      expect(logged).not.toContain(oneTimePassword);
      expect(logged).not.toContain((reset.data as { oneTimePassword: string }).oneTimePassword);
      expect(logged).not.toContain('Fagdag');
    });

    it('says who saved the hours, after a restart too', async () => {
      expect(await liv.request('GET', '/api/staff/hours')).toMatchObject({ data: { savedBy: 'liv' } });
      await setting.restart();
      expect(await liv.request('GET', '/api/staff/hours')).toMatchObject({
        status: 200,
        data: { source: 'saved', version: 1, savedBy: 'liv' },
      });
    });

    it('answers a bad save with the field and the kind of each problem', async () => {
      const bad = await liv.request('PUT', '/api/staff/hours', {
        always: false,
        weekly: week({
          mon: [{ from: '15:00', to: '09:00' }],
          tue: [{ from: '9', to: '15:00' }],
          wed: [
            { from: '09:00', to: '12:00' },
            { from: '11:00', to: '15:00' },
          ],
        }),
        exceptions: [
          { date: '2026-02-30', open: [] },
          { date: '2026-12-04', open: [] },
          { date: '2026-12-04', open: NINE_TO_THREE, note: 'x'.repeat(101) },
        ],
      });
      expect(bad).toMatchObject({ status: 400, data: { error: 'invalid_body', reason: expect.any(String) } });
      expect((bad.data as { problems: unknown[] }).problems).toEqual(
        expect.arrayContaining([
          { field: 'weekly.mon.0', problem: 'order' },
          { field: 'weekly.tue.0.from', problem: 'time' },
          { field: 'weekly.wed', problem: 'overlap' },
          { field: 'exceptions.0.date', problem: 'date' },
          { field: 'exceptions.2.note', problem: 'noteTooLong' },
        ]),
      );
      const notADuplicate = await liv.request('PUT', '/api/staff/hours', {
        always: false,
        weekly: week({}),
        exceptions: [
          { date: '2026-12-04', open: [] },
          { date: '2026-12-04', open: NINE_TO_THREE },
        ],
      });
      expect((notADuplicate.data as { problems: unknown[] }).problems).toEqual([
        { field: 'exceptions.1.date', problem: 'duplicateDate' },
      ]);
      expect(await liv.request('PUT', '/api/staff/hours', ['not', 'an', 'object'])).toMatchObject({ status: 400 });
      // nothing bad was saved
      expect(await liv.request('GET', '/api/staff/hours')).toMatchObject({ data: { version: 1 } });
    });
  });
}

describeAuditRows('SQLite', async () => undefined);

describeWith(postgres, POSTGRES_MISSING, 'on PostgreSQL', (server: PostgresServer) => {
  afterAll(async () => {
    await server.stop();
  });
  describeAuditRows('PostgreSQL', async () => (await server.createDatabase()).url);
});
