import { z } from 'zod';
import { isoDate } from './common';

/** sample-clock.json: marks a content directory as the fictional sample and names the day its dates were generated for. */
export const SampleClockSchema = z.strictObject({
  /** The fixed "today" of the sample files; the portal shifts them from it to the day it first seeds. */
  referenceDate: isoDate(),
});
export type SampleClock = z.infer<typeof SampleClockSchema>;

export const sampleClockFieldLabels: Readonly<Record<string, string>> = { referenceDate: '样例参考日期' };
