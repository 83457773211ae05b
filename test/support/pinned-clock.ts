/**
 * Loaded first (`--import`) into an app process a test starts with PINNED_NOW set: the process's
 * clock starts at that instant and runs on from there, as vi.useFakeTimers({ toFake: ["Date"],
 * shouldAdvanceTime: true }) does in the test's own process. The database keeps the real time.
 */
const pinned = process.env.PINNED_NOW;
if (pinned) {
  const RealDate = Date;
  const offset = RealDate.parse(pinned) - RealDate.now();
  if (Number.isNaN(offset)) throw new Error(`PINNED_NOW is not an instant: ${pinned}`);
  class PinnedDate extends RealDate {
    constructor(...args: ConstructorParameters<DateConstructor> | []) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as ConstructorParameters<DateConstructor>));
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = PinnedDate as DateConstructor;
}
export {};
