import { describe, expect, it } from 'vitest';
import { configProblems } from '../../helpers/config-problems.js';
import { KPIS } from '../../../src/kpi/catalog.js';

const problems = (thresholds: unknown): string => configProblems({ thresholds });

describe('config thresholds validation', () => {
  it('accepts a complete threshold', () => {
    expect(problems([{ kpi: 'csat_pct', scope: 'team', groups: ['Billing'], min: 85, max: 100, level: 'warn', minSample: 30, onLowSample: 'fail', onNoData: 'skip', description: 'x' },
      { kpi: 'frt_p90_minutes', scope: 'overall', maxRise: 30 }])).toBe('');
  });

  it.each([
    [[{ kpi: 'csat', scope: 'team', min: 1 }], 'thresholds[0].kpi: unknown KPI id "csat"'],
    [[{ scope: 'team', min: 1 }], 'thresholds[0].kpi: missing'],
    [[{ kpi: 'nps', scope: 'Team', min: 1 }], 'thresholds[0].scope: unknown scope "Team" — did you mean "team"?'],
    [[{ kpi: 'nps', min: 1 }], 'thresholds[0].scope: missing'],
    [[{ kpi: 'nps', scope: 'team' }], 'thresholds[0]: needs at least one of min, max, maxDrop, maxRise'],
    [[{ kpi: 'nps', scope: 'team', min: '20' }], 'thresholds[0].min: must be a number'],
    [[{ kpi: 'nps', scope: 'team', min: 30, max: 20 }], 'thresholds[0]: min 30 is above max 20'],
    [[{ kpi: 'nps', scope: 'team', maxDrop: -1 }], 'thresholds[0].maxDrop: must be ≥ 0'],
    [[{ kpi: 'nps', scope: 'team', min: 1, level: 'warning' }], 'thresholds[0].level: "warning" is not one of error, warn, info'],
    [[{ kpi: 'nps', scope: 'team', min: 1, onNoData: 'pass' }], 'thresholds[0].onNoData: "pass" is not one of warn, fail, skip'],
    [[{ kpi: 'nps', scope: 'team', min: 1, minSample: 2.5 }], 'thresholds[0].minSample: must be a whole number ≥ 0'],
    [[{ kpi: 'nps', scope: 'overall', min: 1, groups: ['a'] }], 'thresholds[0].groups: not allowed with scope "overall"'],
    [[{ kpi: 'nps', scope: 'team', min: 1, excludeGroups: 'a' }], 'thresholds[0].excludeGroups: must be a list of group names'],
    [[{ kpi: 'nps', scope: 'team', min: 1 }, { kpi: 'nps', scope: 'team', min: 1, warn: true }], 'thresholds[1].warn: unknown key'],
    [{ kpi: 'nps' }, 'thresholds: must be a list'],
  ])('%j → %s', (thresholds, expected) => {
    expect(problems(thresholds)).toContain(expected);
  });

  it('lists every catalog KPI id for an unknown one', () => {
    const message = problems([{ kpi: 'nope', scope: 'team', min: 1 }]);
    expect(message).toContain(`(valid ids: ${KPIS.map((k) => k.id).join(', ')})`);
  });
});
