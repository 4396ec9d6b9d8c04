/**
 * Starts a process's clock on another day, for tests of "a fresh start on any date" over HTTP: preloaded
 * into the portal (`node --import`, see startOnDay in portal-on-day.ts), it makes `Date` read
 * SUNLIGHT_TEST_NOW at start and run on from there, so the seed shifts the sample to that day and every
 * page computes "today" from it. Only Date moves (PGlite reads its clock through Date.now too); timers and
 * performance.now() run as they do. Dates made by Node itself stay instances of Date (same prototype).
 */
const target = process.env.SUNLIGHT_TEST_NOW;
if (target) {
  const RealDate = Date;
  const offset = RealDate.parse(target) - RealDate.now();
  if (Number.isNaN(offset))
    throw new Error(`SUNLIGHT_TEST_NOW=${target} is not a date-time (e.g. 2031-08-20T10:00:00+08:00)`);
  const now = () => RealDate.now() + offset;
  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
  }
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = now;
  ShiftedDate.parse = RealDate.parse;
  ShiftedDate.UTC = RealDate.UTC;
  globalThis.Date = ShiftedDate;
}
