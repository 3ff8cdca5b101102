/** English messages: update rings. */
import { plural } from '../plural.ts';

/** The built-in update rings, by their service name, in the reader's language. */
const builtInRings: Record<string, { name: string; description: string }> = {
  Staging: { name: 'Staging', description: 'Validation rooms get updates first.' },
  General: { name: 'General', description: 'Most rooms.' },
  Executive: { name: 'Executive', description: 'Rooms that must not be disrupted.' },
};

export const rings = {
  rings: {
    title: 'Update rings',
    intro: (c: string) =>
      `Update rings of ${c} in rollout order: each gets updates its deferral after release, all within 60 days.`,
    tableLabel: (c: string) => `Update rings of ${c}`,
    loading: 'Loading update rings…',
    loadFailed: 'Could not load the update rings',
    order: 'Order',
    orderHint: 'Position 1 to 9, unique.',
    name: 'Name',
    kind: 'Type',
    builtIn: 'Built-in',
    custom: 'Custom',
    deferral: 'Deferral',
    deferralHint: 'Days after release, 0 to 60.',
    days: (n: number) => plural(n, 'day', 'days'),
    description: 'Description',
    rooms: 'Rooms',
    create: 'New ring',
    createTitle: 'New update ring',
    created: (name: string) => `Ring ${name} created.`,
    saved: (name: string) => `Ring ${name} saved.`,
    remove: (name: string) => `Delete ${name}`,
    removeTitle: (name: string) => `Delete the ring ${name}?`,
    removeBody: 'Its rooms move to the General ring.',
    removed: (name: string, moved: number) =>
      `Ring ${name} deleted; ${plural(moved, 'room', 'rooms')} moved to General.`,
    move: (name: string) => `Move rooms to ${name}`,
    moveTitle: (name: string) => `Move rooms to ${name}`,
    moveIntro: 'Choose the rooms to move. Either all of them move, or none.',
    moveSubmit: 'Move',
    moved: (n: number, name: string) => `${plural(n, 'room', 'rooms')} moved to ${name}.`,
    chooseRooms: 'Choose at least one room.',
    failed: 'The ring was not changed',
    nameRequired: 'Enter a name.',
    orderInvalid: 'Enter a whole number from 1 to 9.',
    deferralInvalid: 'Enter a whole number of days from 0 to 60.',
  },
  builtInRings,
};
