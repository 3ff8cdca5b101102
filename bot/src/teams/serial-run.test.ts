/** Background fan-outs run one at a time and miss no request (teams/serial-run.ts). */
import assert from 'node:assert/strict';
import { SerialRun } from './serial-run.ts';

describe('Teams fan-outs: one run at a time', () => {
  it('When a run is asked for while one is going, then it runs once more after it, never alongside', async () => {
    const serial = new SerialRun();
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const work = async () => {
      const n = ++runs;
      events.push(`start ${n}`);
      if (n === 1) await gate;
      events.push(`end ${n}`);
    };
    const first = serial.run(work);
    const second = serial.run(work);
    assert.deepEqual(events, ['start 1'], 'the second request waits for the running one');
    release();
    await Promise.all([first, second]);
    assert.deepEqual(events, ['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('When a run fails, then the failure is reported and the next request runs again', async () => {
    const serial = new SerialRun();
    await assert.rejects(
      serial.run(async () => {
        throw new Error('store down');
      }),
      /store down/
    );
    let ran = false;
    await serial.run(async () => {
      ran = true;
    });
    assert.ok(ran);
  });
});
