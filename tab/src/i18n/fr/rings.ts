/** French messages: update rings. */
import type { Module } from '../messages.ts';
import { pluriel } from '../plural.ts';

export const rings: Module<'rings'> = {
  rings: {
    title: 'Anneaux de mise à jour',
    intro: (c) =>
      `Les anneaux de mise à jour de ${c} dans l'ordre de déploiement : chacun reçoit les mises à jour après son report, le tout en 60 jours au plus.`,
    tableLabel: (c) => `Anneaux de mise à jour de ${c}`,
    loading: 'Chargement des anneaux de mise à jour…',
    loadFailed: 'Impossible de charger les anneaux de mise à jour',
    order: 'Ordre',
    orderHint: 'Position de 1 à 9, unique.',
    name: 'Nom',
    kind: 'Type',
    builtIn: 'Intégré',
    custom: 'Personnalisé',
    deferral: 'Report',
    deferralHint: 'Jours après la publication, de 0 à 60.',
    days: (n) => pluriel(n, 'jour', 'jours'),
    description: 'Description',
    rooms: 'Salles',
    create: 'Nouvel anneau',
    createTitle: 'Nouvel anneau de mise à jour',
    created: (name) => `Anneau ${name} créé.`,
    saved: (name) => `Anneau ${name} enregistré.`,
    remove: (name) => `Supprimer ${name}`,
    removeTitle: (name) => `Supprimer l'anneau ${name} ?`,
    removeBody: "Ses salles passent dans l'anneau General.",
    removed: (name, moved) =>
      `Anneau ${name} supprimé ; ${pluriel(moved, 'salle déplacée', 'salles déplacées')} vers General.`,
    move: (name) => `Déplacer des salles vers ${name}`,
    moveTitle: (name) => `Déplacer des salles vers ${name}`,
    moveIntro: 'Choisissez les salles à déplacer. Elles sont toutes déplacées, ou aucune.',
    moveSubmit: 'Déplacer',
    moved: (n, name) => `${pluriel(n, 'salle déplacée', 'salles déplacées')} vers ${name}.`,
    chooseRooms: 'Choisissez au moins une salle.',
    failed: "L'anneau n'a pas été modifié",
    nameRequired: 'Saisissez un nom.',
    orderInvalid: 'Saisissez un nombre entier de 1 à 9.',
    deferralInvalid: 'Saisissez un nombre entier de jours de 0 à 60.',
  },
  builtInRings: {
    Staging: {
      name: 'Validation',
      description: 'Les salles de validation reçoivent les mises à jour en premier.',
    },
    General: { name: 'Général', description: 'La plupart des salles.' },
    Executive: { name: 'Direction', description: 'Les salles qui ne doivent pas être perturbées.' },
  },
};
