import type { PlatformQuirks } from '../server/platform/quirks/vendor-quirks';

/**
 * How the tests' embedded platform answers: cleanly, or like a real vendor host when the suite runs
 * with PLATFORM_QUIRKS=vendor (the `vendor` Vitest project and Playwright project do).
 */
export const TEST_QUIRKS: PlatformQuirks = process.env.PLATFORM_QUIRKS === 'vendor' ? 'vendor' : null;
