import { validateConfig } from '../../src/config/validate-config.js';

/** The message `validateConfig` refuses `config` with ('' when it accepts it). */
export function configProblems(config: unknown): string {
  try {
    validateConfig(config, 'c.json');
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}
