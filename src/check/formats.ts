import type { CheckOutput } from './describe-finding.js';
import { formatCheckGithub } from './format-check-github.js';
import { formatCheckJson } from './format-check-json.js';
import { formatCheckJunit } from './format-check-junit.js';
import { formatCheckMarkdown } from './format-check-markdown.js';
import { formatCheckText } from './format-check-text.js';

export type CheckFormat = 'text' | 'json' | 'junit' | 'github' | 'markdown';
export type CheckFormatter = (output: CheckOutput, options?: { color?: boolean }) => string;

/** Every `check` output format; a new format is one file and one line here. */
export const CHECK_FORMATS = {
  text: formatCheckText,
  json: formatCheckJson,
  junit: formatCheckJunit,
  github: formatCheckGithub,
  markdown: formatCheckMarkdown,
} satisfies Record<CheckFormat, CheckFormatter>;

export type { CheckOutput };
