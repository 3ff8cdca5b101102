/**
 * Break-glass as the customer sees it, in headless Chromium against the real service: once the
 * partner's Global admin has restored a Primary admin (every Primary admin having left the
 * partner's directory), the customer's Partners view says who did it, for whom, when and why,
 * in English and in French. Its own backend, since it deletes a demo user.
 */
import assert from 'node:assert/strict';
import { nav, tabSuite } from './browser.support.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { Collections } from '../../src/data/collections.ts';

const REASON = 'Pradeep left Fabrikam; the service desk needs a Primary admin again.';

describe('Tab: a break-glass restore shown in the customer’s Partners view', function () {
  this.timeout(60_000);

  const session = tabSuite();

  before(async () => {
    const app = session.app();
    const megan = await app.tokenFor('fabrikam', 'megan');
    await app.store
      .collection(Collections.users)
      .deleteOne({ _id: ids.user('fabrikam', 'pradeep') });
    const r = await app.call(
      'POST',
      `/api/partner/customers/${ids.tenant('contoso')}/primary-admins/break-glass`,
      {
        token: megan,
        body: { member: { type: 'user', id: ids.user('fabrikam', 'megan') }, reason: REASON },
      }
    );
    assert.equal(r.status, 201, r.text);
  });

  it('When the Contoso Global admin opens Partners, then Fabrikam’s card tells of the break-glass and its reason', async () => {
    const page = await session.signedIn('Alex Wilber');
    await nav(page).getByRole('link', { name: 'Partners' }).click();
    const fabrikam = page.getByRole('region', { name: 'Fabrikam Managed Services' });
    await fabrikam.getByText('Break-glass: a Primary admin was restored').waitFor();
    await fabrikam
      .getByText(/Megan Bowen, Global admin of the partner, made Megan Bowen a Primary admin/)
      .waitFor();
    await fabrikam.getByText(`Reason given: ${REASON}`).waitFor();
    const assignments = fabrikam.getByRole('table', {
      name: 'Assignments of Fabrikam Managed Services',
    });
    await assignments.getByRole('row', { name: /Megan Bowen/ }).waitFor();
  });

  it('When the browser prefers French, then the notice is in French', async () => {
    const page = await session.signedIn('Alex Wilber', { locale: 'fr-FR' });
    await nav(page).getByRole('link', { name: 'Partenaires' }).click();
    const fabrikam = page.getByRole('region', { name: 'Fabrikam Managed Services' });
    await fabrikam.getByText('Bris de glace : un administrateur principal a été rétabli').waitFor();
    await fabrikam.getByText(`Motif donné : ${REASON}`).waitFor();
  });
});
