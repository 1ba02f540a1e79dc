import type { Preset } from '../preset.js';
import { genericPreset } from './generic.js';
import { callcentrePreset } from './callcentre.js';
import { delightedPreset } from './delighted.js';
import { freshdeskPreset } from './freshdesk.js';
import { helpscoutPreset } from './helpscout.js';
import { hubspotPreset } from './hubspot.js';
import { intercomPreset } from './intercom.js';
import { jiraPreset } from './jira.js';
import { qualtricsPreset } from './qualtrics.js';
import { servicenowPreset } from './servicenow.js';
import { surveymonkeyPreset } from './surveymonkey.js';
import { typeformPreset } from './typeform.js';
import { zendeskExplorePreset } from './zendesk-explore.js';
import { zendeskPreset } from './zendesk.js';
import { zohoPreset } from './zoho.js';

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
  zendeskExplorePreset,
  intercomPreset,
  zohoPreset,
  hubspotPreset,
  helpscoutPreset,
  surveymonkeyPreset,
  qualtricsPreset,
  typeformPreset,
  delightedPreset,
  genericPreset,
];

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((preset) => preset.name === name.toLowerCase());
}
