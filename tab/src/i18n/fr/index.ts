/** Every French message, gathered from one module per feature. */
import type { Strings } from '../messages.ts';
import { app } from './app.ts';
import { common } from './common.ts';
import { invitations } from './invitations.ts';
import { tenants } from './tenants.ts';
import { partners } from './partners.ts';
import { audit } from './audit.ts';
import { rooms } from './rooms.ts';
import { incidents } from './incidents.ts';
import { rings } from './rings.ts';
import { reports } from './reports.ts';
import { settings } from './settings.ts';
import { roles } from './roles.ts';
import { control } from './control.ts';

export const frFR: Strings = {
  ...app,
  ...common,
  ...invitations,
  ...tenants,
  ...partners,
  ...audit,
  ...rooms,
  ...incidents,
  ...rings,
  ...reports,
  ...settings,
  ...roles,
  ...control,
};
