/**
 * The last page of Teams' consent pop-up (`requestHostConsent` in teams/host.ts): Microsoft Entra
 * returns here after the consent prompt. It tells Teams the outcome, which resolves or rejects the
 * tab's `authentication.authenticate()` call, and Teams closes the pop-up. The authorisation code
 * in the address is never used: the tab asks Teams for its token again afterwards.
 */
import { app, authentication } from '@microsoft/teams-js';

const params = new URLSearchParams(window.location.search);
const error = params.get('error');

void app.initialize().then(() => {
  if (error) authentication.notifyFailure(params.get('error_description') ?? error);
  else authentication.notifySuccess();
});
