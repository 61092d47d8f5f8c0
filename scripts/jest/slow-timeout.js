// Integration and browser tests start databases, servers and pages; on a loaded machine (the whole
// suite runs in parallel) that takes longer than Jest's default 5 s per test. Speed is measured in
// bench/, not here.
import { jest } from '@jest/globals';

jest.setTimeout(60_000);
