/** Every French message, one module per feature; `i18n.ts` gathers them into one table. */
export { app } from './app.ts';
export { common } from './common.ts';
export { invitations } from './invitations.ts';
export { tenants } from './tenants.ts';
export { partners } from './partners.ts';
export { audit } from './audit.ts';
export { rooms } from './rooms.ts';
export { incidents } from './incidents.ts';
export { rings } from './rings.ts';
export { reports } from './reports.ts';
export { settings } from './settings.ts';
export { roles } from './roles.ts';
export { control } from './control.ts';
