import type { Preset } from '../preset.js';
import { genericPreset } from './generic.js';
import { callcentrePreset } from './callcentre.js';
import { freshdeskPreset } from './freshdesk.js';
import { jiraPreset } from './jira.js';
import { servicenowPreset } from './servicenow.js';
import { zendeskPreset } from './zendesk.js';

/**
 * Every source preset, in detection order: vendor presets first (their headers are specific),
 * the generic format last. A new preset is one file and one line here.
 */
export const PRESETS: readonly Preset[] = [
  zendeskPreset,
  servicenowPreset,
  callcentrePreset,
  freshdeskPreset,
  jiraPreset,
  genericPreset,
];

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((preset) => preset.name === name.toLowerCase());
}
