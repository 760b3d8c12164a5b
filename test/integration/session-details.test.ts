import { describe, expect, it } from 'vitest';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { servicesOnTempFolders } from '../support/services';

/** The ticket and the customer change at any time, each change in the event log, and survive a restart of the app. */
describe('sessions.update: ticket and customer after the start', () => {
  const start = servicesOnTempFolders('st-details-');

  it('adds a ticket later, changes the customer, and logs both', async () => {
    const { services } = await start();
    const api = createInProcessClient(services);
    const created = await api['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'Contoso PRD' });
    const id = created.session.id;
    expect(created.session.ticket).toBeNull();

    const view = await api['sessions.update']({ id, ticket: ' CS-777 ', customer: 'Contoso Ltd' });
    expect(view.session.ticket).toBe('CS-777');
    expect(view.session.environment.customer).toBe('Contoso Ltd');
    expect(view.session.events.slice(-2).map((e) => e.summary)).toEqual(['Ticket set to "CS-777".', 'Customer set to "Contoso Ltd".']);

    const changed = await api['sessions.update']({ id, ticket: 'CS-778' });
    expect(changed.session.events.at(-1)!.summary).toBe('Ticket changed from "CS-777" to "CS-778".');
    expect(changed.session.environment.customer).toBe('Contoso Ltd');

    // The same value again writes nothing new.
    const same = await api['sessions.update']({ id, ticket: 'CS-778' });
    expect(same.session.events).toHaveLength(changed.session.events.length);

    const list = await api['sessions.list']({});
    expect(list.find((s) => s.id === id)).toMatchObject({ ticket: 'CS-778', customer: 'Contoso Ltd' });

    const cleared = await api['sessions.update']({ id, ticket: '' });
    expect(cleared.session.ticket).toBeNull();
    expect(cleared.session.events.at(-1)!.summary).toBe('Ticket removed (was "CS-778").');
  });

  it('changes the ticket of a completed session too, and names it in the report', async () => {
    const { services } = await start();
    const api = createInProcessClient(services);
    let view = await api['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'Fabrikam QA' });
    const { session } = view;
    for (let i = 0; i < 20 && view.steps[view.session.current]!.kind !== 'report'; i++) {
      view = await api['sessions.act']({ id: session.id, action: { type: 'skip', reason: 'not needed for this check' } });
    }
    const completed = await api['sessions.act']({ id: session.id, action: { type: 'complete' } });
    expect(completed.session.completedAt).not.toBeNull();
    const updated = await api['sessions.update']({ id: session.id, ticket: 'INC-42' });
    expect(updated.session.completedAt).toBe(completed.session.completedAt);
    const preview = await api['reports.preview']({ sessionId: session.id });
    expect(preview.model.header.ticket).toBe('INC-42');
  });

  it('refuses a ticket too long, naming the field, and keeps the one saved', async () => {
    const { services } = await start();
    const api = createInProcessClient(services);
    const { session } = await api['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: null, ticket: 'CS-1' });
    await expect(api['sessions.update']({ id: session.id, ticket: 'x'.repeat(65) })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'ticket',
      message: expect.stringContaining('at most 64 characters'),
    });
    await expect(api['sessions.update']({ id: 'no-such-session', ticket: 'CS-2' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await api['sessions.get']({ id: session.id })).session.ticket).toBe('CS-1');
  });
});
