import { incidentFanOut, ticketRoundTrips } from './teams.bench.ts';
const which = process.argv[2] ?? 'fan';
if (which === 'fan') await incidentFanOut((l) => console.log(l));
else await ticketRoundTrips((l) => console.log(l));
