import type { AppConfig, Features } from '@contract/app-config';
import sample from './sample-app-config.json';

/**
 * Settings as `/app-config.json` gives them: the sample (every optional upstream feature found,
 * as the build's critical CSS renders its pages too: scripts/critical-css.mjs), changed by `features`
 * and `settings`.
 */
export function testAppConfig(features: Partial<Features> = {}, settings: Partial<Omit<AppConfig, 'features'>> = {}): AppConfig {
  const base = sample as AppConfig;
  return { ...base, ...settings, features: { ...base.features, ...features } };
}
