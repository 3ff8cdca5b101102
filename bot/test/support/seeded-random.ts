/** The one seeded PRNG lives with the product code (the simulator uses it too). */
export { seededRandom } from '../../src/util/seeded-random.ts';
